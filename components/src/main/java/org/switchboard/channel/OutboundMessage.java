package org.switchboard.channel;

import java.util.Objects;

/**
 * An SMS as a channel sends it, from the outbound queue's row.
 *
 * @param id                the row's id (outbound_sms), for the channel's logs
 * @param recipient         E.164
 * @param text              the text; a channel splits it into parts as {@link SmsChannel#partsFor} counts them
 * @param kind              text or binary
 * @param statusReport      whether to ask the network for a status report on each part
 * @param possibleDuplicate whether an earlier attempt may have gone out (a crash, a lost answer)
 */
public record OutboundMessage(long id, String recipient, String text, MessageKind kind, boolean statusReport,
        boolean possibleDuplicate) {
    public OutboundMessage {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }

    /** A text SMS asking for status reports, as the hub sends them. */
    public static OutboundMessage text(long id, String recipient, String text) {
        return new OutboundMessage(id, recipient, text, MessageKind.TEXT, true, false);
    }
}
