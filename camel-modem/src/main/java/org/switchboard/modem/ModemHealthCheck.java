package org.switchboard.modem;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.switchboard.modem.session.ModemSession;
import org.switchboard.modem.session.ModemStatus;

/**
 * Camel health check of one modem: UP when it answers, is initialised and is not known to be off the network; signal,
 * registration and operator as details.
 */
final class ModemHealthCheck extends AbstractHealthCheck {
    private final ModemSession session;

    ModemHealthCheck(ModemSession session) {
        super("camel", "modem-" + session.name());
        this.session = session;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ModemStatus s = session.status();
        builder.detail("modem", session.name());
        builder.detail("state", s.state().name());
        builder.detail("rssi", s.rssi());
        if (s.signalDbm() != null) {
            builder.detail("signal.dbm", s.signalDbm());
        }
        builder.detail("registration", s.registration());
        if (s.operator() != null) {
            builder.detail("operator", s.operator());
        }
        builder.detail("sent", s.sent());
        builder.detail("failed", s.failed());
        builder.detail("received", s.received());
        builder.detail("recoveries", s.recoveries());
        if (s.lastError() != null) {
            builder.detail("last.error", s.lastError());
        }
        if (!session.isReady()) {
            builder.message("modem " + session.name() + " is " + s.state()
                    + (s.lastError() != null ? ": " + s.lastError() : ""));
            builder.down();
        } else if (s.offNetwork()) {
            // It answers, but sends nothing (+CMS ERROR: 331): the dispatcher leaves it alone, and so should counts
            // of usable modems (a broadcast's estimate).
            builder.message("modem " + session.name() + " is off the network (registration " + s.registration() + ")");
            builder.down();
        } else {
            builder.up();
        }
    }
}
