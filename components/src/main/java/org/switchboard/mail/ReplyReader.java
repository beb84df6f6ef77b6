package org.switchboard.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.switchboard.store.StorableText;

/**
 * Reads a staff email that asks for SMS: a reply to an SMS email, a new SMS to {@code NUMBER@smsDomain}, or a
 * broadcast to {@code SEGMENT@broadcastDomain} or to the contacts a first body line {@code to: ...} picks.
 */
public final class ReplyReader {

    /**
     * The first body line of an ad hoc broadcast: {@code to: school=SMA N 1 Yogyakarta; major=IPA}. The '=' keeps a
     * reply that happens to start with "To: Pak Budi" a reply.
     */
    private static final Pattern FILTER_LINE = Pattern.compile("(?i)^\\s*to\\s*:\\s*([^=\\s][^=]*=.*?)\\s*$");

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
        String target = addressed(mail, a -> SmsAddress.numberIn(a, settings.smsDomain()));
        String segment = target != null ? null : addressed(mail, a -> segmentIn(a, settings.broadcastDomain()));
        List<String> thread = threadMessageIds(mail);
        String text;
        try {
            // Control bytes (a NUL among them, which PostgreSQL refuses) are no text a phone shows: dropped here.
            text = QuotedText.strip(StorableText.forMessage(BodyText.of(mail)));
        } catch (BodyText.Unreadable e) {
            return new ReplyParse.Rejected(e.getMessage(), true);
        }
        String messageId = MessageIds.normalise(mail.getMessageID());
        if (messageId == null) {
            // The id is what makes a mail read again after a crash the same request, not a second one.
            messageId = MessageIds.derived(from, mail.getHeader("Date", null), mail.getSubject(), text);
        }
        int newline = text.indexOf('\n');
        Matcher filter = FILTER_LINE.matcher(newline < 0 ? text : text.substring(0, newline));
        if (target == null && (segment != null || filter.matches())) {
            String template = filter.matches() ? (newline < 0 ? "" : text.substring(newline + 1).strip()) : text;
            if (template.isEmpty()) {
                return new ReplyParse.Rejected(Bounces.EMPTY_BROADCAST, true);
            }
            return new ReplyParse.BroadcastRequest(from, segment, filter.matches() ? filter.group(1) : null, template,
                    messageId);
        }
        if (target == null && thread.isEmpty()) {
            return new ReplyParse.Rejected(Bounces.noTarget(settings), true);
        }
        if (text.isEmpty()) {
            return new ReplyParse.Rejected(Bounces.EMPTY_REPLY, true);
        }
        return new ReplyParse.Reply(from, target, thread, text, messageId);
    }

    /** The segment a {@code SEGMENT@broadcastDomain} address names, lower-cased. */
    static Optional<String> segmentIn(String address, String broadcastDomain) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.trim().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0 || !a.substring(at + 1).equals(broadcastDomain)) {
            return Optional.empty();
        }
        return Optional.of(a.substring(0, at));
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

    /** The first recipient address {@code reading} finds something in, and what it found. */
    private static String addressed(MimeMessage mail, Function<String, Optional<String>> reading)
            throws MessagingException {
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
                    Optional<String> found = reading.apply(ia.getAddress());
                    if (found.isPresent()) {
                        return found.get();
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
