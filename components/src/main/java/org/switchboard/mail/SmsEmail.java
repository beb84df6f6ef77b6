package org.switchboard.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.switchboard.channel.InboundContent;
import org.switchboard.channel.WapPush;

/** Renders an inbound SMS as the email the help desk receives. */
public final class SmsEmail {

    public static final String SMS_ID_HEADER = "X-Switchboard-Sms-Id";
    public static final String NUMBER_HEADER = "X-Switchboard-Number";

    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT);
    private static final int MAX_NAME = 64;

    /** The Message-ID of the email for SMS {@code id}: the same on every resend, so nothing is threaded twice. */
    public static String messageId(long id, MailSettings settings) {
        return "<sms-" + id + "@" + settings.smsDomain() + ">";
    }

    public MimeMessage render(Session session, SmsForEmail sms, MailSettings settings) throws MessagingException {
        String number = HeaderText.oneLine(sms.number(), 32);
        String name = HeaderText.oneLine(sms.contactName(), MAX_NAME);
        String who = name.isEmpty() ? number : name + " (" + number + ")";
        InternetAddress from = smsAddress(number, name.isEmpty() ? number : name, settings);

        MimeMessage mail = new FixedIdMessage(session, messageId(sms.id(), settings));
        mail.setFrom(from);
        mail.setReplyTo(new InternetAddress[] {from});
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(settings.helpdeskAddress(), true));
        mail.setSubject((sms.optOutKeyword() != null ? "[STOP] " : "") + what(sms.content()) + " from " + who,
                "UTF-8");
        // The SMS's own time, not the send time: a resend after a crash is then byte-for-byte the same mail.
        mail.setSentDate(Date.from(sms.receivedAt().toInstant()));
        mail.setHeader("Message-ID", messageId(sms.id(), settings));
        threading(mail, sms);
        mail.setHeader(SMS_ID_HEADER, Long.toString(sms.id()));
        mail.setHeader(NUMBER_HEADER, encoded(number));
        mail.setHeader("Auto-Submitted", "auto-generated");
        mail.setText(body(sms, who, settings), "UTF-8", "plain");
        mail.saveChanges();
        return mail;
    }

    private static InternetAddress smsAddress(String number, String display, MailSettings settings)
            throws AddressException {
        InternetAddress address = new InternetAddress(SmsAddress.of(number, settings.smsDomain()), true);
        try {
            address.setPersonal(display + " via SMS", "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        return address;
    }

    private static void threading(MimeMessage mail, SmsForEmail sms) throws MessagingException {
        String root = MessageIds.normalise(sms.threadRootMessageId());
        String previous = MessageIds.normalise(sms.previousMessageId());
        List<String> references = new ArrayList<>();
        if (root != null) {
            references.add(root);
        }
        if (previous != null && !previous.equals(root)) {
            references.add(previous);
        }
        String parent = previous != null ? previous : root;
        if (parent != null) {
            mail.setHeader("In-Reply-To", parent);
            mail.setHeader("References", String.join(" ", references));
        }
    }

    private static String encoded(String value) {
        try {
            return MimeUtility.encodeText(value, "UTF-8", null);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** What the subject calls it: an SMS, a flash SMS, a data SMS, a WAP push. */
    private static String what(InboundContent c) {
        return switch (c.kind()) {
            case InboundContent.DATA -> "Data SMS";
            case InboundContent.WAP_PUSH -> "WAP push";
            default -> c.flash() ? "Flash SMS" : "SMS";
        };
    }

    /** The body's first lines: the text, or what can be read of the data and then its bytes. */
    private static void content(StringBuilder b, SmsForEmail sms) {
        InboundContent c = sms.content();
        String ports = c.destPort() == null ? "" : " to application port " + c.destPort() + " (from port "
                + c.srcPort() + ")";
        if (c.kind().equals(InboundContent.TEXT)) {
            b.append(sms.text().replace("\r\n", "\n").replace('\r', '\n').stripTrailing()).append("\n\n");
            if (c.flash()) {
                b.append("This was a flash SMS (class 0): the phone showed it at once and did not keep it.\n");
            }
            if (!ports.isEmpty()) {
                b.append("It was addressed").append(ports).append(".\n");
            }
            return;
        }
        byte[] data = c.data();
        if (c.kind().equals(InboundContent.WAP_PUSH)) {
            Optional<WapPush> push = WapPush.read(data);
            b.append("A WAP push").append(push.map(p -> " (" + p.contentType() + ")").orElse("")).append(", ")
                    .append(data.length).append(" octets").append(ports).append(".\n");
            push.filter(p -> p.href() != null || p.text() != null).ifPresent(p -> {
                if (p.text() != null) {
                    b.append("Text: ").append(HeaderText.oneLine(p.text(), 500)).append('\n');
                }
                if (p.href() != null) {
                    b.append("Link: ").append(HeaderText.oneLine(p.href(), 500)).append('\n');
                }
            });
        } else {
            b.append("Binary data (8-bit), ").append(data.length).append(" octets").append(ports).append(".\n");
        }
        if (c.flash()) {
            b.append("It was sent as class 0 (flash).\n");
        }
        b.append("The octets, in hex:\n");
        for (int i = 0; i < data.length; i += 16) {
            b.append(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(data, i, Math.min(data.length, i + 16)))
                    .append('\n');
        }
        b.append('\n');
    }

    private static String body(SmsForEmail sms, String who, MailSettings settings) {
        StringBuilder b = new StringBuilder();
        content(b, sms);
        b.append("Received ").append(sms.receivedAt().atZoneSameInstant(settings.zone()).format(RECEIVED))
                .append(" from ").append(who);
        String modem = HeaderText.oneLine(sms.modem(), 64);
        if (!modem.isEmpty()) {
            b.append(" on modem ").append(modem);
        }
        b.append(".\n");
        if (sms.parts() > 1) {
            b.append("The SMS came in ").append(sms.parts()).append(" parts.\n");
        }
        if (sms.incomplete()) {
            b.append("Some parts of this SMS never arrived: the text above is incomplete.\n");
        }
        if (sms.optOutKeyword() != null) {
            b.append("This number has opted out of broadcasts (")
                    .append(HeaderText.oneLine(sms.optOutKeyword(), 20)).append(").\n");
        }
        b.append("Reply to this email to answer by SMS (up to ").append(settings.maxReplyParts())
                .append(" SMS parts).\n");
        if (sms.callBack() != null) {
            // The link only opens a page: the call starts when a signed-in member of staff confirms it there, so a
            // mail scanner that follows every link starts nothing.
            b.append("Call ").append(who).append(" back (your phone rings first; sign in and confirm; works once,"
                    + " until ").append(sms.callBack().expiresAt().atZoneSameInstant(settings.zone()).format(RECEIVED))
                    .append("):\n").append(sms.callBack().url()).append("\n");
        }
        // A lone surrogate (a badly cut UCS2 part) would make the encoder fail; the round trip turns it into '?'.
        return new String(b.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
