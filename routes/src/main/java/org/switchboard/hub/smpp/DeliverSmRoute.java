package org.switchboard.hub.smpp;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * A route that hands applications what waits for them as deliver_sm (receipts, routed SMS): each poll claims as many
 * due items as there is room for, leased longer than a deliver_sm may wait for its response, and delivers each on a
 * thread of the shared pool; now and then (once a minute) it gives up what waited too long. An outcome not recorded
 * (the database away) is logged: the lease runs out and the item goes again.
 *
 * @param <T> what it delivers
 */
abstract class DeliverSmRoute<T> extends RouteBuilder {
    private static final long HOUSEKEEPING_MILLIS = 60_000;

    private final String routeId;
    private final SmppConfig.Server config;
    private final InFlightWork work;
    private long lastHousekeeping;

    DeliverSmRoute(String routeId, SmppConfig.Server config, ExecutorService senders) {
        this.routeId = routeId;
        this.config = config;
        this.work = new InFlightWork(senders, config.getReceiptMaxInFlight());
    }

    /** Up to {@code room} due items, leased for {@code lease}. */
    abstract List<T> claim(int room, Duration lease);

    /** Hands one to its application and records the outcome. */
    abstract void deliver(T item);

    /** Says that the outcome of {@code item} was not recorded. */
    abstract void lost(T item, RuntimeException e);

    /** Gives up what waited too long. */
    abstract void housekeeping();

    @Override
    public void configure() {
        from(scheduler(routeId).initialDelay(0).greedy(true).delay(config.getReceiptPollMillis()).advanced()
                .synchronous(true))
                .routeId(routeId)
                .process(this::poll);
    }

    private void poll(Exchange exchange) {
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, false);
        long now = System.currentTimeMillis();
        if (now - lastHousekeeping >= HOUSEKEEPING_MILLIS) {
            lastHousekeeping = now;
            housekeeping();
        }
        int room = work.room();
        if (room == 0) {
            return;
        }
        List<T> due = claim(room, Duration.ofMillis(config.getResponseTimeoutMillis() * 2 + 5000));
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !due.isEmpty());
        due.forEach(item -> work.start(() -> deliver(item), e -> lost(item, e)));
    }

    @Override
    public String toString() {
        return routeId;
    }
}
