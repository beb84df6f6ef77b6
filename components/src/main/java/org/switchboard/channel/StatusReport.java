package org.switchboard.channel;

import java.util.Objects;

/**
 * What the network says became of a part a channel sent.
 *
 * @param channel   the channel's id
 * @param line      the line it came in on
 * @param reference the part's reference, as {@link Submitted#partReferences()} gave it
 * @param recipient the number the report is about, as the network writes it (national or international); may be null
 * @param state     delivered, still pending, or failed
 * @param code      the transport's status code (TP-ST for a modem, err: for SMPP)
 * @param detail    the report in words for the journal
 */
public record StatusReport(String channel, String line, String reference, String recipient, DeliveryState state,
        int code, String detail) {
    public StatusReport {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(state, "state");
    }
}
