package org.switchboard.sip;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Camel health check of one {@code sip:} listener: UP while it listens and every subscription is active. */
final class SipHealthCheck extends AbstractHealthCheck {

    private final SipConsumer consumer;

    SipHealthCheck(SipConsumer consumer) {
        super("camel", "sip-" + consumer.getEndpoint().getName());
        this.consumer = consumer;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        SipConfiguration c = consumer.getEndpoint().getConfiguration();
        builder.detail("listen", c.getHost() + ":" + c.getPort() + " " + c.getTransports());
        builder.detail("notify.accepted", consumer.acceptedCount());
        builder.detail("notify.rejected", consumer.rejectedCount());
        builder.detail("notify.failed", consumer.failedCount());
        String down = consumer.isListening() ? null : "not listening"
                + (consumer.lastError() != null ? ": " + consumer.lastError() : "");
        for (SipSubscription s : consumer.subscriptions()) {
            String key = "subscription." + s.target();
            builder.detail(key + ".state", s.state().name());
            builder.detail(key + ".notifies", s.notifies());
            if (s.lastError() != null) {
                builder.detail(key + ".last.error", s.lastError());
            }
            if (down == null && s.state() != SipSubscription.State.ACTIVE) {
                down = "subscription " + s.target() + " is " + s.state()
                        + (s.lastError() != null ? ": " + s.lastError() : "");
            }
        }
        if (down == null) {
            builder.up();
        } else {
            builder.message(down);
            builder.down();
        }
    }
}
