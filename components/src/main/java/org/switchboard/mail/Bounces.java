package org.switchboard.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The short answer a staff member gets when an email of theirs was not sent as SMS, and the reasons in plain
 * words. A bounce names the original by subject and date only: it never carries the original's body, so a
 * forged sender cannot use the hub to send content to a third party.
 */
public final class Bounces {

    public static final String NOT_STAFF =
            "Only help-desk staff may send SMS through Switchboard, and your address is not on the staff list.";
    public static final String NO_TEXT_PART =
            "Your email had no text part. Write the answer in the email itself, not only in an attachment.";
    public static final String EMPTY_REPLY =
            "Your reply was empty once the quoted email and the signature were taken off. "
                    + "Write the answer above the quoted email and send it again.";
    public static final String BROKEN_MIME =
            "Your email could not be read: its MIME structure is broken. Send it again from a regular mail program.";

    public static final String EMPTY_BROADCAST =
            "Your broadcast had no text to send. Write the SMS text in the email (after the \"to:\" line, if you use"
                    + " one) and send it again.";

    private static final int MAX_SUBJECT = 200;

    public static String tooManyParts(int parts, int limit) {
        return "Your reply is " + parts + " SMS long; the limit is " + limit + ". Shorten it and send it again.";
    }

    public static String unknownCharset(String charset) {
        return "Your email's text is in a character set Switchboard cannot read (" + HeaderText.oneLine(charset, 40)
                + "). Send it again as UTF-8; most mail programs can be set to that.";
    }

    public static String noTarget(MailSettings settings) {
        return "Switchboard could not tell which number your email answers. Reply to one of the SMS emails, "
                + "or write to sms+NUMBER@" + settings.smsDomain() + " (for example sms+6281234567890@"
                + settings.smsDomain() + ").";
    }

    /**
     * The bounce for {@code original}, to its sender.
     *
     * @throws IllegalArgumentException when the original is automatic mail or has no sender: answering either
     *                                  could start a mail loop or bounce into the void
     */
    public MimeMessage bounce(Session session, MimeMessage original, String reason, MailSettings settings)
            throws MessagingException {
        Optional<String> automatic = AutomaticMail.why(original, settings);
        if (automatic.isPresent()) {
            throw new IllegalArgumentException("automatic mail is never bounced: " + automatic.get());
        }
        InternetAddress to = sender(original);
        String originalId = MessageIds.normalise(original.getMessageID());
        String subject = HeaderText.oneLine(original.getSubject(), MAX_SUBJECT);

        MimeMessage bounce = originalId == null ? new MimeMessage(session)
                : new FixedIdMessage(session, bounceId(originalId, settings));
        bounce.setFrom(new InternetAddress(settings.hubAddress(), true));
        bounce.setRecipient(Message.RecipientType.TO, to);
        bounce.setSubject("Not sent: " + (subject.isEmpty() ? "(no subject)" : subject), "UTF-8");
        bounce.setSentDate(new Date());
        bounce.setHeader("Auto-Submitted", "auto-replied");
        if (originalId != null) {
            bounce.setHeader("In-Reply-To", originalId);
            // Keeping the original's thread lets a staff member answer the bounce with a shorter text.
            List<String> references = new ArrayList<>(MessageIds.in(original.getHeader("References", " ")));
            references.remove(originalId);
            references.add(originalId);
            List<String> newest = references.subList(Math.max(0, references.size() - 20), references.size());
            bounce.setHeader("References", String.join(" ", newest));
        }
        bounce.setText(body(original, subject, reason), "UTF-8", "plain");
        bounce.saveChanges();
        return bounce;
    }

    private static InternetAddress sender(MimeMessage original) throws MessagingException {
        Address[] from;
        try {
            from = original.getFrom();
        } catch (AddressException e) {
            from = null;
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress ia) || ia.getAddress() == null) {
            throw new IllegalArgumentException("the original has no sender to bounce to");
        }
        // Only the bare address: the original's display name is the sender's words, not ours to repeat.
        return new InternetAddress(ia.getAddress(), false);
    }

    /** The same original always gets the same bounce id, so a bounce resent after a crash is one mail. */
    private static String bounceId(String originalId, MailSettings settings) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(originalId.getBytes(StandardCharsets.UTF_8));
            String hub = settings.hubAddress();
            return "<not-sent-" + HexFormat.of().formatHex(hash, 0, 12) + "@" + hub.substring(hub.indexOf('@') + 1) + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String body(MimeMessage original, String subject, String reason) throws MessagingException {
        StringBuilder b = new StringBuilder();
        b.append("Switchboard did not send your email as SMS.\n\n");
        b.append(reason == null || reason.isBlank() ? "It could not be sent." : reason.strip()).append("\n\n");
        b.append("Your email: \"").append(subject.isEmpty() ? "(no subject)" : subject).append('"');
        Date sent = original.getSentDate();
        if (sent != null) {
            SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);
            format.setTimeZone(TimeZone.getTimeZone("UTC"));
            b.append(", sent ").append(format.format(sent));
        }
        b.append(".\n\nThis message was written automatically by Switchboard.\n");
        return b.toString();
    }
}
