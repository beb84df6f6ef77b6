package org.switchboard.modem;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;

import org.switchboard.modem.session.ModemStatus;

/**
 * A modem's health as Micrometer meters, tagged with the modem's name. Only loaded when the application has a
 * MeterRegistry: micrometer-core is an optional dependency of camel-modem.
 */
final class ModemMetrics {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    ModemMetrics(MeterRegistry registry, String modem, ModemStatus status) {
        this.registry = registry;
        Tags tags = Tags.of("modem", modem);
        meters.add(Gauge.builder("modem.signal.rssi", status, ModemStatus::rssi)
                .description("AT+CSQ received signal strength, 0..31, 99 when unknown").tags(tags).register(registry));
        meters.add(Gauge.builder("modem.registered", status, s -> s.registered() ? 1 : 0)
                .description("1 when registered with the network (home or roaming)").tags(tags).register(registry));
        meters.add(Gauge.builder("modem.ready", status, s -> s.state() == ModemStatus.State.READY ? 1 : 0)
                .description("1 when the modem answers and is initialised").tags(tags).register(registry));
        meters.add(FunctionCounter.builder("modem.sms.sent", status, ModemStatus::sent).tags(tags).register(registry));
        meters.add(FunctionCounter.builder("modem.sms.failed", status, ModemStatus::failed).tags(tags).register(registry));
        meters.add(FunctionCounter.builder("modem.sms.received", status, ModemStatus::received).tags(tags)
                .register(registry));
        meters.add(FunctionCounter.builder("modem.recoveries", status, ModemStatus::recoveries).tags(tags)
                .register(registry));
    }

    /**
     * Binds the meters when the Camel registry holds exactly one MeterRegistry; returns what unbinds them. Callers
     * check {@link ModemComponent#MICROMETER} first, so that this class is never loaded without Micrometer.
     */
    static Runnable bind(org.apache.camel.CamelContext camel, String modem, ModemStatus status) {
        MeterRegistry registry = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            return () -> {
            };
        }
        ModemMetrics metrics = new ModemMetrics(registry, modem, status);
        return metrics::remove;
    }

    private void remove() {
        meters.forEach(registry::remove);
    }
}
