package org.switchboard.hub.monitor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.switchboard.sip.SipConsumer;
import org.switchboard.store.MessageTally;

/**
 * The hub's own meters: messages by channel, direction and status and the queue depths (gauges over the database's
 * counts, see {@link MessageTally} for why the database), per-modem sent and failed, the PBX's NOTIFYs, and the JVM's
 * usual figures. The modems' signal and registration are camel-modem's own gauges ({@code modem_signal_rssi}, ...),
 * bound by the component to the same registry.
 */
public final class HubMetrics {
    private static final List<String> OUTBOUND = List.of("HELD", "PENDING", "SENDING", "SENT", "FAILED", "CANCELLED");
    private static final List<String> OUTBOX = List.of("PENDING", "SENT", "FAILED");
    /** channel, direction, the statuses it has: every combination gets a series, 0 included. */
    private static final List<Map.Entry<String[], List<String>>> MESSAGES = List.of(
            Map.entry(new String[] {"sms", "out"}, OUTBOUND),
            Map.entry(new String[] {"sms", "in"}, List.of("RECEIVED")),
            Map.entry(new String[] {"email", "out"}, OUTBOX),
            Map.entry(new String[] {"email", "in"}, OUTBOUND),
            Map.entry(new String[] {"voicemail", "out"}, OUTBOX),
            Map.entry(new String[] {"voicemail", "in"}, List.of("FORWARDED")),
            Map.entry(new String[] {"sip", "in"}, List.of("NOTIFIED", "NO_NOTIFICATION")));

    private HubMetrics() {
    }

    /**
     * @param modems    the modems the hub drives, by name
     * @param sipRoute  the route consuming the PBX's NOTIFYs, whose consumer counts them
     * @return what to close when the hub stops: the GC meters listen to the JVM, which outlives the hub (in tests)
     */
    public static AutoCloseable bind(MeterRegistry registry, RecentTally tally, List<String> modems, CamelContext camel,
            String sipRoute) {
        for (Map.Entry<String[], List<String>> m : MESSAGES) {
            String channel = m.getKey()[0];
            String direction = m.getKey()[1];
            for (String status : m.getValue()) {
                Gauge.builder("switchboard.messages", tally, t -> t.counts().messages(channel, direction, status))
                        .description("Messages the database holds, by channel, direction and status")
                        .tags("channel", channel, "direction", direction, "status", status).register(registry);
            }
        }
        queue(registry, tally, "sms-outbound", "HELD", c -> c.messages("sms", "out", "HELD"));
        queue(registry, tally, "sms-outbound", "PENDING", c -> c.messages("sms", "out", "PENDING"));
        queue(registry, tally, "sms-outbound", "SENDING", c -> c.messages("sms", "out", "SENDING"));
        queue(registry, tally, "email-outbox", "PENDING", c -> c.messages("email", "out", "PENDING"));
        queue(registry, tally, "voicemail-outbox", "PENDING", c -> c.messages("voicemail", "out", "PENDING"));
        for (String modem : modems) {
            for (String status : List.of("SENT", "FAILED")) {
                Gauge.builder("switchboard.modem.sms", tally, t -> t.counts().byModem(modem, status))
                        .description("Outbound SMS whose last attempt went through the modem, by status (database)")
                        .tags("modem", modem, "status", status).register(registry);
            }
        }
        FunctionCounter.builder("switchboard.metrics.count.failures", tally, RecentTally::failures)
                .description("Times counting messages in the database for these metrics failed").register(registry);
        notifies(registry, camel, sipRoute, "accepted", SipConsumer::acceptedCount);
        notifies(registry, camel, sipRoute, "rejected", SipConsumer::rejectedCount);
        notifies(registry, camel, sipRoute, "failed", SipConsumer::failedCount);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return gc;
    }

    private static void queue(MeterRegistry registry, RecentTally tally, String queue, String state,
            ToLongFunction<MessageTally.Counts> depth) {
        Gauge.builder("switchboard.queue.depth", tally, t -> depth.applyAsLong(t.counts()))
                .description("Messages waiting in a queue or outbox, by state (database)")
                .tags("queue", queue, "state", state).register(registry);
    }

    /** The SIP consumer's counts since it started, looked up at each scrape since the route may start later. */
    private static void notifies(MeterRegistry registry, CamelContext camel, String sipRoute, String outcome,
            ToLongFunction<SipConsumer> count) {
        FunctionCounter.builder("switchboard.sip.notifies", camel,
                        c -> sipConsumer(c, sipRoute).map(count::applyAsLong).orElse(0L))
                .description("The PBX's NOTIFYs handled by the sip: consumer since it started, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private static Optional<SipConsumer> sipConsumer(CamelContext camel, String routeId) {
        Route route = camel.getRoute(routeId);
        return route != null && route.getConsumer() instanceof SipConsumer s ? Optional.of(s) : Optional.empty();
    }
}
