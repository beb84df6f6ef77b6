package org.switchboard.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises mail that no person wrote: auto-replies, bounces, list mail and the hub's own mail. Such mail is
 * never answered, neither by SMS nor by a bounce, so that two robots cannot keep each other busy.
 */
public final class AutomaticMail {

    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");
    private static final Set<String> AUTORESPONDER_HEADERS = Set.of("X-Autoreply", "X-Autorespond",
            "X-Autoresponder", "X-Autoreply-From", "X-Mail-Autoreply");
    private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster");

    private AutomaticMail() {
    }

    static boolean isAutomatic(MimeMessage mail, MailSettings settings) throws MessagingException {
        return why(mail, settings).isPresent();
    }

    /** Why the mail counts as automatic, in words for the journal; empty when a person wrote it. */
    public static Optional<String> why(MimeMessage mail, MailSettings settings) throws MessagingException {
        if (mail.getHeader(SmsEmail.SMS_ID_HEADER) != null) {
            return Optional.of("our own SMS email came back");
        }
        String autoSubmitted = firstToken(mail.getHeader("Auto-Submitted", null));
        if (autoSubmitted != null && !autoSubmitted.equals("no")) {
            return Optional.of("Auto-Submitted: " + autoSubmitted);
        }
        String precedence = firstToken(mail.getHeader("Precedence", null));
        if (precedence != null && BULK_PRECEDENCE.contains(precedence)) {
            return Optional.of("Precedence: " + precedence);
        }
        String returnPath = mail.getHeader("Return-Path", null);
        if (returnPath != null && returnPath.replaceAll("[\\s<>]", "").isEmpty()) {
            return Optional.of("empty Return-Path (a bounce or notification)");
        }
        for (String header : AUTORESPONDER_HEADERS) {
            if (mail.getHeader(header) != null) {
                return Optional.of(header + " header (an auto-reply)");
            }
        }
        if (mail.getHeader("List-Id") != null) {
            return Optional.of("List-Id header (mailing list mail)");
        }
        if (mail.isMimeType("multipart/report") || mail.isMimeType("message/delivery-status")
                || mail.isMimeType("message/disposition-notification")) {
            return Optional.of("delivery or read report (" + mail.getContentType().split(";")[0].trim() + ")");
        }
        return sender(mail, settings);
    }

    private static Optional<String> sender(MimeMessage mail, MailSettings settings) throws MessagingException {
        String hub = settings.hubAddress().toLowerCase(Locale.ROOT);
        String smsDomain = "@" + settings.smsDomain();
        for (String address : senders(mail)) {
            String local = address.substring(0, Math.max(0, address.lastIndexOf('@')));
            if (DAEMONS.contains(local) || DAEMONS.contains(address)) {
                return Optional.of("sent by " + local);
            }
            if (address.equals(hub) || address.endsWith(smsDomain)) {
                return Optional.of("sent by Switchboard itself (" + address + ")");
            }
        }
        return Optional.empty();
    }

    /** From and Sender addresses, lower-cased; unparsable ones are skipped (the reader rejects them). */
    private static Set<String> senders(MimeMessage mail) throws MessagingException {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String header : new String[] {"From", "Sender"}) {
            String value = mail.getHeader(header, ",");
            if (value == null) {
                continue;
            }
            try {
                for (Address a : InternetAddress.parseHeader(value, false)) {
                    if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                        out.add(ia.getAddress().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (AddressException e) {
                // an unparsable sender is for ReplyReader to reject, not a sign of automatic mail
            }
        }
        return out;
    }

    private static String firstToken(String value) {
        if (value == null) {
            return null;
        }
        String token = value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return token.isEmpty() ? null : HeaderText.oneLine(token, 40);
    }
}
