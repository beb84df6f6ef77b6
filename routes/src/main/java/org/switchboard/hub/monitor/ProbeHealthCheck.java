package org.switchboard.hub.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A Camel health check backed by a {@link CachedProbe}: {@code database}, {@code smtp}, {@code imap}. Its details
 * name the server and what the probe found, never a password.
 */
public final class ProbeHealthCheck extends AbstractHealthCheck {
    private final CachedProbe probe;
    private final Map<String, Object> fixedDetails;

    /** @param fixedDetails what the check is about (the server's host and port), shown whatever the outcome */
    public ProbeHealthCheck(String id, CachedProbe probe, Map<String, Object> fixedDetails) {
        super("switchboard", id);
        this.probe = probe;
        this.fixedDetails = new LinkedHashMap<>(fixedDetails);
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CachedProbe.Outcome o = probe.outcome();
        fixedDetails.forEach(builder::detail);
        o.details().forEach(builder::detail);
        builder.detail("probe.millis", o.tookMillis());
        if (o.up()) {
            builder.up();
        } else {
            builder.message(o.message());
            builder.down();
        }
    }
}
