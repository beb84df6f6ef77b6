package org.switchboard.store;

import java.time.OffsetDateTime;
import java.util.Objects;

import org.switchboard.channel.InboundContent;

/**
 * An SMS as a channel received it, complete or given up on, before it is stored: {@code modem} is the channel's line
 * it came in on (a modem's name), {@code destination} the number it was sent to when the channel knows it (a short
 * code), else null; {@code content} what it is beyond its text (text, data, WAP push; class; ports).
 */
public record NewInbound(String channel, String modem, String originator, String text, int parts, boolean incomplete,
        OffsetDateTime receivedAt, String destination, InboundContent content) {

    /** A plain text SMS. */
    public NewInbound(String channel, String modem, String originator, String text, int parts, boolean incomplete,
            OffsetDateTime receivedAt, String destination) {
        this(channel, modem, originator, text, parts, incomplete, receivedAt, destination, InboundContent.PLAIN_TEXT);
    }

    /** An SMS whose destination is not known beyond its line (a modem's own number). */
    public NewInbound(String channel, String modem, String originator, String text, int parts, boolean incomplete,
            OffsetDateTime receivedAt) {
        this(channel, modem, originator, text, parts, incomplete, receivedAt, null, InboundContent.PLAIN_TEXT);
    }

    public NewInbound {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(modem, "modem");
        Objects.requireNonNull(originator, "originator");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(receivedAt, "receivedAt (the SMSC time stamp)");
        content = content == null ? InboundContent.PLAIN_TEXT : content;
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1: " + parts);
        }
    }
}
