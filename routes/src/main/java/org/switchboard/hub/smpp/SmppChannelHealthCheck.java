package org.switchboard.hub.smpp;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.switchboard.channel.LineState;
import org.switchboard.channel.smpp.BindView;
import org.switchboard.channel.smpp.SmppChannel;

/**
 * {@code smpp-NAME}: an smpp channel's binds to its SMSC. Up while one is bound; unknown while they all still bind
 * for the first time; down when none is bound, with each bind's reason (refused, unreachable) in the details.
 */
final class SmppChannelHealthCheck extends AbstractHealthCheck {
    private final SmppChannel channel;

    SmppChannelHealthCheck(SmppChannel channel) {
        super("switchboard", "smpp-" + channel.id());
        this.channel = channel;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("smsc", channel.smsc());
        boolean up = false;
        boolean starting = true;
        for (BindView b : channel.binds()) {
            builder.detail(b.name(), b.state() + (b.reason() == null ? "" : ": " + b.reason()));
            up |= b.state() == LineState.State.READY;
            starting &= b.state() == LineState.State.STARTING;
        }
        if (up) {
            builder.up();
        } else if (starting) {
            builder.message("binding").unknown();
        } else {
            builder.message("no bind to " + channel.smsc() + " is up").down();
        }
    }
}
