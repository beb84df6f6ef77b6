package org.switchboard.modem;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.PropertyBindingSupport;
import org.switchboard.modem.session.ModemSession;
import org.switchboard.modem.transport.ModemTransport;
import org.switchboard.modem.transport.SerialTransport;
import org.switchboard.modem.transport.TcpTransport;

/** The {@code modem:} component: GSM modems driven with AT commands over a serial port or TCP. */
@Component("modem")
public class ModemComponent extends HealthCheckComponent {

    @Metadata(label = "advanced", description = "Default configuration for every endpoint")
    private ModemConfiguration configuration = new ModemConfiguration();

    /** One session per modem name, shared by the producer and consumer endpoints that name it. */
    private final Map<String, SharedSession> sessions = new HashMap<>();

    /** Whether Micrometer is on the class path (an optional dependency). */
    static final boolean MICROMETER = classPresent("io.micrometer.core.instrument.MeterRegistry");

    private record SharedSession(ModemSession session, ModemHealthCheck health, Runnable unbindMetrics, int users) {
        SharedSession withUsers(int count) {
            return new SharedSession(session, health, unbindMetrics, count);
        }
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("modem: needs a name, e.g. modem:gsm1?device=/dev/ttyUSB0");
        }
        ModemConfiguration conf = configuration.copy();
        ModemEndpoint endpoint = new ModemEndpoint(uri, this, remaining, conf);
        // The modem's options live on the configuration, the consumer's (exceptionHandler, ...) on the endpoint; what
        // neither takes stays in the map and Camel rejects it as an unknown option.
        PropertyBindingSupport.build().withRemoveParameters(true).withIgnoreCase(true)
                .bind(getCamelContext(), conf, parameters);
        setProperties(endpoint, parameters);
        ModemConfiguration c = endpoint.getConfiguration();
        if (!c.isTcp() && (c.getDevice() == null || c.getDevice().isBlank())) {
            throw new IllegalArgumentException("modem:" + remaining + " needs device=... (serial) or host=...&port=... (TCP)");
        }
        return endpoint;
    }

    /**
     * Opens the transport of a modem. The one place that knows serial from TCP: tests and other transports override
     * it.
     */
    protected ModemTransport createTransport(ModemConfiguration c) {
        return c.isTcp() ? new TcpTransport(c.getHost(), c.getPort(), c.getConnectTimeout())
                : new SerialTransport(c.getDevice(), c.getBaudRate(), c.isRtsCts());
    }

    synchronized ModemSession acquireSession(String name, ModemConfiguration c) {
        SharedSession shared = sessions.get(name);
        if (shared == null) {
            ModemSession session = new ModemSession(name, c, () -> createTransport(c));
            ModemHealthCheck health = new ModemHealthCheck(session);
            // One check per modem, shared by its producers and consumers, so registered directly rather than in
            // Camel's per-consumer or per-producer repositories.
            HealthCheckRegistry checks = HealthCheckRegistry.get(getCamelContext());
            if (checks != null) {
                health.setCamelContext(getCamelContext());
                checks.register(health);
            }
            Runnable unbind = MICROMETER ? ModemMetrics.bind(getCamelContext(), name, session.status()) : () -> {
            };
            session.start();
            shared = new SharedSession(session, health, unbind, 0);
        }
        sessions.put(name, shared.withUsers(shared.users() + 1));
        return shared.session();
    }

    synchronized void releaseSession(String name) {
        SharedSession shared = sessions.get(name);
        if (shared == null) {
            return;
        }
        if (shared.users() > 1) {
            sessions.put(name, shared.withUsers(shared.users() - 1));
            return;
        }
        sessions.remove(name);
        shared.session().close();
        shared.unbindMetrics().run();
        HealthCheckRegistry checks = HealthCheckRegistry.get(getCamelContext());
        if (checks != null) {
            checks.unregister(shared.health());
        }
    }

    /** The live session of a modem, or null when no route uses it: for health pages and metrics. */
    public synchronized ModemSession session(String name) {
        SharedSession shared = sessions.get(name);
        return shared != null ? shared.session() : null;
    }

    public ModemConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ModemConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            sessions.values().forEach(s -> {
                s.session().close();
                s.unbindMetrics().run();
            });
            sessions.clear();
        }
        super.doStop();
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, ModemComponent.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
