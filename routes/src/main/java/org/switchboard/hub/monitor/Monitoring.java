package org.switchboard.hub.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.switchboard.store.MessageTally;

/**
 * The hub's monitoring, wired into Camel: the health checks of what the hub depends on besides its modems and the
 * PBX (whose checks their components register), and the one Micrometer registry every meter goes to, which
 * /metrics scrapes.
 */
public final class Monitoring implements AutoCloseable {
    /** How often the probes run and how long they may take. */
    public record Timing(Duration timeout, Duration databaseKeep, Duration mailKeep, Duration countsMaxAge) {
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AbstractHealthCheck> checks = new ArrayList<>();
    private final RecentTally tally;
    private final DispatchLatency dispatchLatency = new DispatchLatency(registry);
    private AutoCloseable hubMetrics;

    private final Timing timing;
    private final List<String> modems = new ArrayList<>();
    private String sipRoute = "";

    public Monitoring(DataSource dataSource, Timing timing) {
        this.timing = timing;
        checks.add(new ProbeHealthCheck("database", new CachedProbe("the database",
                new DatabaseProbe(dataSource, timing.timeout()), timing.databaseKeep(), timing.timeout()), Map.of()));
        this.tally = new RecentTally(new MessageTally(dataSource), timing.countsMaxAge());
        if (dataSource instanceof HikariDataSource pool && pool.getMetricRegistry() == null) {
            // The pool's use and waits (hikaricp_connections_*): the first sign of a database the hub outgrows.
            pool.setMetricRegistry(registry);
        }
    }

    /** The SMTP server the hub sends through, checked as {@code smtp}. */
    public void watchSmtp(MailServer smtp) {
        checks.add(new ProbeHealthCheck("smtp", new CachedProbe("SMTP " + smtp.address(),
                new SmtpProbe(smtp, timing.timeout()), timing.mailKeep(), timing.timeout()), serverDetails(smtp)));
    }

    /** An IMAP account the hub reads, checked under {@code name} ({@code imap}, {@code imap-voicemail}). */
    public void watchImap(String name, MailServer server) {
        checks.add(new ProbeHealthCheck(name, new CachedProbe("IMAP " + server.address(),
                new ImapProbe(server, timing.timeout()), timing.mailKeep(), timing.timeout()), serverDetails(server)));
    }

    /** A check an area makes of its own parts (an SMPP channel's binds, the SMPP server), registered with the others. */
    public void watch(AbstractHealthCheck check) {
        checks.add(check);
    }

    /** The modems, by name, whose sent and failed SMS are counted per modem. */
    public void watchModems(List<String> names) {
        modems.addAll(names);
    }

    /** The route consuming the PBX's NOTIFYs, whose consumer counts them. */
    public void watchSip(String routeId) {
        sipRoute = routeId;
    }

    private static Map<String, Object> serverDetails(MailServer server) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("server", server.address());
        d.put("tls", server.tls());
        d.put("user", server.user());
        return d;
    }

    /**
     * Before the routes are configured: the registry is bound, so that camel-modem binds each modem's gauges to it
     * when the modem's session starts, and every route and HTTP request is measured.
     */
    public void beforeConfigure(CamelContext camel) {
        camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        MicrometerRoutePolicyFactory routes = new MicrometerRoutePolicyFactory();
        routes.setMeterRegistry(registry);
        camel.addRoutePolicyFactory(routes);
        camel.getManagementStrategy().addEventNotifier(new HttpRequestMetrics(registry));
    }

    /** Once camel-main set up the health check registry: the checks, and the gauges over the database. */
    public void afterConfigure(CamelContext camel) {
        HealthCheckRegistry health = HealthCheckRegistry.get(camel);
        for (AbstractHealthCheck check : checks) {
            check.setCamelContext(camel);
            health.register(check);
        }
        hubMetrics = HubMetrics.bind(registry, tally, modems, camel, sipRoute);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public RecentTally tally() {
        return tally;
    }

    public DispatchLatency dispatchLatency() {
        return dispatchLatency;
    }

    @Override
    public void close() {
        try {
            if (hubMetrics != null) {
                hubMetrics.close();
            }
        } catch (Exception e) {
            // stopping anyway
        }
        registry.close();
    }
}
