package org.switchboard.channel;

import java.time.OffsetDateTime;
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
 * @param expiresAt         when the network should give up delivering it (outbound_sms.expires_at), or null for the
 *                          channel's default
 */
public record OutboundMessage(long id, String recipient, String text, MessageKind kind, boolean statusReport,
        boolean possibleDuplicate, OffsetDateTime expiresAt) {
    public OutboundMessage {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }

    /** A message without a validity of its own. */
    public OutboundMessage(long id, String recipient, String text, MessageKind kind, boolean statusReport,
            boolean possibleDuplicate) {
        this(id, recipient, text, kind, statusReport, possibleDuplicate, null);
    }

    /** A text SMS asking for status reports, as the hub sends them. */
    public static OutboundMessage text(long id, String recipient, String text) {
        return new OutboundMessage(id, recipient, text, MessageKind.TEXT, true, false);
    }
}
