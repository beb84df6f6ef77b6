package org.switchboard.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads a staff email that answers an SMS email: who wrote it, to which number, and the text to send. */
public final class ReplyReader {

    /** Where a reply may name its number; the Delivered-To kinds cover a Bcc to {@code sms+NUMBER@}. */
    private static final String[] RECIPIENT_HEADERS = {"To", "Cc", "Delivered-To", "X-Original-To"};

    /**
     * Reads the mail without changing it.
     *
     * @throws MessagingException when the mailbox went away while reading, so the caller retries later, or when
     *                            an IMAP server cannot describe the mail's structure (GreenMail on a broken
     *                            multipart), so the caller reads a copy parsed locally; everything wrong with a
     *                            parsed mail itself is a {@link ReplyParse.Rejected}
     */
    public ReplyParse read(MimeMessage mail, MailSettings settings) throws MessagingException {
        Optional<String> automatic = AutomaticMail.why(mail, settings);
        if (automatic.isPresent()) {
            return new ReplyParse.Rejected(automatic.get(), false);
        }
        String from = sender(mail);
        if (from == null) {
            return new ReplyParse.Rejected("no readable From address", false);
        }
        String target = targetNumber(mail, settings);
        List<String> thread = threadMessageIds(mail);
        if (target == null && thread.isEmpty()) {
            return new ReplyParse.Rejected(Bounces.noTarget(settings), true);
        }
        String text;
        try {
            text = QuotedText.strip(BodyText.of(mail));
        } catch (BodyText.Unreadable e) {
            return new ReplyParse.Rejected(e.getMessage(), true);
        }
        if (text.isEmpty()) {
            return new ReplyParse.Rejected(Bounces.EMPTY_REPLY, true);
        }
        return new ReplyParse.Reply(from, target, thread, text, MessageIds.normalise(mail.getMessageID()));
    }

    private static String sender(MimeMessage mail) throws MessagingException {
        String value = mail.getHeader("From", ",");
        if (value == null) {
            return null;
        }
        try {
            InternetAddress[] from = InternetAddress.parseHeader(value, false);
            if (from.length == 0 || from[0].getAddress() == null || from[0].getAddress().indexOf('@') <= 0) {
                return null;
            }
            return from[0].getAddress().trim().toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            return null;
        }
    }

    private static String targetNumber(MimeMessage mail, MailSettings settings) throws MessagingException {
        for (String header : RECIPIENT_HEADERS) {
            String value = mail.getHeader(header, ",");
            if (value == null) {
                continue;
            }
            Address[] addresses;
            try {
                addresses = InternetAddress.parseHeader(value, false);
            } catch (AddressException e) {
                continue;
            }
            for (Address a : addresses) {
                if (a instanceof InternetAddress ia) {
                    Optional<String> number = SmsAddress.numberIn(ia.getAddress(), settings.smsDomain());
                    if (number.isPresent()) {
                        return number.get();
                    }
                }
            }
        }
        return null;
    }

    private static List<String> threadMessageIds(MimeMessage mail) throws MessagingException {
        List<String> inReplyTo = MessageIds.in(mail.getHeader("In-Reply-To", " "));
        List<String> references = new ArrayList<>(MessageIds.in(mail.getHeader("References", " ")));
        Collections.reverse(references);
        List<String> ids = new ArrayList<>(inReplyTo);
        for (String id : references) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
