package org.switchboard.mail;

import java.time.OffsetDateTime;
import java.util.Objects;

import org.switchboard.channel.InboundContent;

/**
 * A stored inbound SMS as the help-desk email needs it.
 *
 * @param id                  the inbound SMS's row id; the Message-ID is derived from it
 * @param number              the sender, E.164 when it is a phone number
 * @param contactName         the contact's name, or null when unknown
 * @param text                the reassembled text
 * @param receivedAt          when the modem received it
 * @param modem               the modem's name, or null
 * @param parts               how many concatenated parts the SMS had
 * @param incomplete          whether some parts never arrived
 * @param optOutKeyword       the keyword (STOP, BERHENTI, ...) when this SMS opted the number out, else null
 * @param threadRootMessageId the Message-ID of the first email of this number's conversation, or null
 * @param previousMessageId   the Message-ID of the previous email of this number's conversation, or null
 * @param content             what the SMS is: text, 8-bit data or WAP push, its class (0 flash), its ports
 * @param callBack            the link that calls the sender back, or null when click-to-call is off (or the sender
 *                            cannot be called)
 */
public record SmsForEmail(long id, String number, String contactName, String text, OffsetDateTime receivedAt,
                          String modem, int parts, boolean incomplete, String optOutKeyword,
                          String threadRootMessageId, String previousMessageId, InboundContent content,
                          CallBack callBack) {

    /** A signed link to the hub that starts a call between whoever confirms it and the sender, once, until then. */
    public record CallBack(String url, OffsetDateTime expiresAt) {
        public CallBack {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    public SmsForEmail {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(receivedAt, "receivedAt");
        text = text == null ? "" : text;
        content = content == null ? InboundContent.PLAIN_TEXT : content;
    }

    /** A plain text SMS, without a call-back link. */
    public SmsForEmail(long id, String number, String contactName, String text, OffsetDateTime receivedAt,
            String modem, int parts, boolean incomplete, String optOutKeyword, String threadRootMessageId,
            String previousMessageId) {
        this(id, number, contactName, text, receivedAt, modem, parts, incomplete, optOutKeyword, threadRootMessageId,
                previousMessageId, InboundContent.PLAIN_TEXT, null);
    }
}
