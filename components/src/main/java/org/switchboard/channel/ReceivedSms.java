package org.switchboard.channel;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * An SMS a channel received.
 *
 * @param channel    the channel's id
 * @param line       the line it came in on (a modem's name)
 * @param originator who sent it: E.164, a national number or an alphanumeric name, as the network gave it
 * @param text       the text, parts joined
 * @param parts      how many parts it came in
 * @param incomplete parts were missing when the channel gave up waiting for them
 * @param receivedAt when the network took it (the SMSC time stamp)
 * @param origin     where exactly it came from, for the journal ({@code modem gsm1, SIM index [3]})
 * @param destination the number it was sent to, when the channel knows it (an SMSC's short code); null otherwise
 * @param content    what it is beyond its text: text, 8-bit data or WAP push, its class (0 flash), its ports
 */
public record ReceivedSms(String channel, String line, String originator, String text, int parts, boolean incomplete,
        OffsetDateTime receivedAt, String origin, String destination, InboundContent content) {

    /** A plain text SMS. */
    public ReceivedSms(String channel, String line, String originator, String text, int parts, boolean incomplete,
            OffsetDateTime receivedAt, String origin, String destination) {
        this(channel, line, originator, text, parts, incomplete, receivedAt, origin, destination,
                InboundContent.PLAIN_TEXT);
    }

    /** An SMS whose destination is the channel's own line (a modem's SIM). */
    public ReceivedSms(String channel, String line, String originator, String text, int parts, boolean incomplete,
            OffsetDateTime receivedAt, String origin) {
        this(channel, line, originator, text, parts, incomplete, receivedAt, origin, null, InboundContent.PLAIN_TEXT);
    }

    public ReceivedSms {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(originator, "originator");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(receivedAt, "receivedAt");
        content = content == null ? InboundContent.PLAIN_TEXT : content;
    }
}
