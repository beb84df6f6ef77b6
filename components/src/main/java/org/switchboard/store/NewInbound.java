package org.switchboard.store;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * An SMS as a channel received it, complete or given up on, before it is stored: {@code modem} is the channel's line
 * it came in on (a modem's name).
 */
public record NewInbound(String channel, String modem, String originator, String text, int parts, boolean incomplete,
        OffsetDateTime receivedAt) {

    public NewInbound {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(modem, "modem");
        Objects.requireNonNull(originator, "originator");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(receivedAt, "receivedAt (the SMSC time stamp)");
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1: " + parts);
        }
    }
}
