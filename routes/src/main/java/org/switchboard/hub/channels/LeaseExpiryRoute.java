package org.switchboard.hub.channels;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.timer;

import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.hub.module.Singleton;
import org.switchboard.store.OutboundQueue;

/**
 * Puts back in the queue the SMS whose node died in the middle of sending them (their lease ran out, as the node's
 * heartbeat stopped renewing it), marked possible duplicate, for the lines of the nodes still up. One node does this
 * for the cluster; SKIP LOCKED would let several, but the trail would then show which one did it in no order.
 */
final class LeaseExpiryRoute extends RouteBuilder {
    static final String ROUTE_ID = "lease-expiry";
    private static final Logger LOG = LoggerFactory.getLogger(LeaseExpiryRoute.class);

    private final OutboundQueue queue;
    private final InterruptedSends journal;
    private final long periodMillis;

    LeaseExpiryRoute(OutboundQueue queue, InterruptedSends journal, long periodMillis) {
        this.queue = queue;
        this.journal = journal;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        from(timer(ROUTE_ID).delay(0).period(periodMillis).advanced().synchronous(true)).routeId(ROUTE_ID)
                .routeProperty(Singleton.ROUTE_PROPERTY, "true")
                .process(e -> requeue());
    }

    private void requeue() {
        List<OutboundQueue.Interrupted> requeued = queue.requeueExpired();
        if (!requeued.isEmpty()) {
            LOG.warn("{} SMS held by a node whose lease ran out {} queued again, marked possible duplicate",
                    requeued.size(), requeued.size() == 1 ? "is" : "are");
            journal.record(requeued, "its node's lease ran out");
        }
    }
}
