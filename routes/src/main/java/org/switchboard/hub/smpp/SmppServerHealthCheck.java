package org.switchboard.hub.smpp;

import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** {@code smpp-server}: the SMPP server for applications listens; its details count the binds open per account. */
final class SmppServerHealthCheck extends AbstractHealthCheck {
    private final SmppServer server;
    private final BoundApps apps;

    SmppServerHealthCheck(SmppServer server, BoundApps apps) {
        super("switchboard", "smpp-server");
        this.server = server;
        this.apps = apps;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("port", server.port());
        Map<String, Integer> binds = new TreeMap<>();
        apps.all().forEach(a -> binds.merge(a.systemId(), 1, Integer::sum));
        binds.forEach((account, n) -> builder.detail("binds." + account, n));
        if (server.isStarted()) {
            builder.up();
        } else {
            builder.message("not listening").down();
        }
    }
}
