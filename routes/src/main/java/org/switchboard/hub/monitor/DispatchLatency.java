package org.switchboard.hub.monitor;

import java.time.Duration;
import java.time.OffsetDateTime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.switchboard.store.OutboundSms;

/**
 * How long an SMS waited from being queued to being sent, per modem and lane. A broadcast's rows are queued when the
 * broadcast is planned, so theirs includes the wait for its confirmation: the lane keeps the two apart.
 */
public final class DispatchLatency {
    /** For dispatchers that nobody measures (tests of the route alone, benchmarks). */
    public static final DispatchLatency NONE = new DispatchLatency(null);

    private static final Duration[] SLO_BUCKETS = {Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1)};

    private final MeterRegistry registry;

    public DispatchLatency(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records an SMS {@code modem} has just sent. */
    public void sent(String modem, OutboundSms sms) {
        if (registry == null || sms.createdAt() == null) {
            return;
        }
        Duration waited = Duration.between(sms.createdAt(), OffsetDateTime.now());
        Timer.builder("switchboard.dispatch.latency")
                .description("From an SMS queued to the modem's acceptance")
                .tag("modem", modem)
                .tag("lane", sms.lane() == 0 ? "single" : "broadcast")
                .serviceLevelObjectives(SLO_BUCKETS)
                .register(registry)
                .record(waited.isNegative() ? Duration.ZERO : waited);
    }
}
