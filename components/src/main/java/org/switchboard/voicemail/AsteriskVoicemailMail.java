package org.switchboard.voicemail;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.switchboard.mail.HeaderText;
import org.switchboard.mail.MessageIds;

/**
 * Asterisk's own voicemail email (app_voicemail's default template, {@code attach=yes}), read: the mailbox, caller,
 * duration ("0:05"), message number (1-based, as the email says it), the date as the PBX wrote it, and the attached
 * recording part, if any.
 */
public record AsteriskVoicemailMail(String messageId, String mailbox, CallerId caller, String duration,
        int messageNumber, String date, boolean urgent, Part recordingPart, String recordingExtension) {

    // app_voicemail's default subject: "[PBX]: New message 1 in mailbox 1001" ("New Urgent message ..." when urgent;
    // "New  message" with two spaces in versions that print an empty flag; no "[PBX]: " with pbxskip=yes).
    private static final Pattern SUBJECT = Pattern.compile(
            "^\\s*(?:\\[[^\\]]{0,40}\\]:\\s*)?New\\s+(?:(Urgent)\\s+)?message\\s+(\\d{1,5})\\s+in\\s+mailbox\\s+(\\S{1,80})\\s*$",
            Pattern.CASE_INSENSITIVE);
    // The default body and voicemail.conf's sample emailbody: "...you were just left a 0:05 long [Urgent ]message
    // (number 1)\nin mailbox 1001 from "John" <1234>, on <date>[,] so you might\nwant to check it ...".
    private static final Pattern BODY = Pattern.compile(
            "just\\s+left\\s+a\\s+(\\d{1,4}:\\d{2})\\s+long\\s+(?:(Urgent)\\s+)?message\\s+(?:\\(number\\s+(\\d{1,5})\\)\\s*)?"
                    + "in\\s+mailbox\\s+(\\S{1,80})\\s+from\\s+(.{0,200}?),\\s+on\\s+(.{0,100}?),?\\s+so\\s+you\\s+might",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern AUDIO_NAME = Pattern.compile("(?i).*\\.(wav|gsm|ogg|mp3)$");
    private static final int MAX_TEXT = 64 * 1024;

    public Optional<Part> recording() {
        return Optional.ofNullable(recordingPart);
    }

    /** What reading an email found: the voicemail, or why it is not one. */
    public record Reading(Optional<AsteriskVoicemailMail> voicemail, String reason) {

        static Reading not(String reason) {
            return new Reading(Optional.empty(), reason);
        }
    }

    /** Recognises Asterisk's voicemail email; anything else gives an empty reading with the reason. */
    public static Reading parse(MimeMessage mail) {
        try {
            return read(mail);
        } catch (MessagingException | IOException | RuntimeException e) {
            return Reading.not("unreadable email: " + HeaderText.oneLine(e.getMessage(), 200));
        }
    }

    private static Reading read(MimeMessage mail) throws MessagingException, IOException {
        String subject = mail.getSubject();
        Matcher s = subject == null ? null : SUBJECT.matcher(HeaderText.oneLine(subject, 200));
        boolean subjectMatches = s != null && s.matches();
        String text = firstText(mail, 0);
        Matcher b = text == null ? null : BODY.matcher(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
        boolean bodyMatches = b != null && b.find();
        if (!subjectMatches && !bodyMatches) {
            return Reading.not("not an Asterisk voicemail email: neither the subject nor the text is app_voicemail's");
        }
        if (!bodyMatches && mail.getHeader("X-Asterisk-CallerID") == null) {
            return Reading.not("the subject looks like Asterisk's voicemail email but the text and headers do not");
        }
        String messageId = MessageIds.normalise(mail.getMessageID());
        if (messageId == null) {
            return Reading.not("an Asterisk voicemail email without a usable Message-ID cannot be forwarded exactly once");
        }
        String mailbox = trimPunctuation(bodyMatches ? b.group(4) : s.group(3));
        int number = bodyMatches && b.group(3) != null ? Integer.parseInt(b.group(3))
                : subjectMatches ? Integer.parseInt(s.group(2)) : 0;
        String duration = bodyMatches ? b.group(1) : durationFromHeader(mail.getHeader("X-Asterisk-VM-Duration", null));
        boolean urgent = (bodyMatches && b.group(2) != null) || (subjectMatches && s.group(1) != null);
        CallerId caller = caller(mail, bodyMatches ? b.group(5) : null);
        String date = bodyMatches ? HeaderText.oneLine(b.group(6), 100) : "";
        Part recording = recording(mail, 0);
        String extension = "";
        if (recording != null) {
            String name = recording.getFileName();
            Matcher ext = name == null ? null : AUDIO_NAME.matcher(name);
            extension = ext != null && ext.matches() ? ext.group(1).toLowerCase(Locale.ROOT)
                    : recording.isMimeType("audio/x-gsm") ? "gsm" : "wav";
        }
        return new Reading(Optional.of(new AsteriskVoicemailMail(messageId, mailbox, caller, duration, number, date,
                urgent, recording, extension)), "Asterisk voicemail for mailbox " + mailbox);
    }

    private static CallerId caller(MimeMessage mail, String fromBody) throws MessagingException {
        CallerId caller = fromBody == null || fromBody.strip().equalsIgnoreCase("an unknown caller") ? CallerId.UNKNOWN
                : CallerId.parse(unquote(fromBody));
        // The default body names the caller by name or number only; Asterisk puts both in headers.
        String number = decoded(mail.getHeader("X-Asterisk-CallerID", null));
        String name = decoded(mail.getHeader("X-Asterisk-CallerIDName", null));
        if (number != null && !number.isEmpty() && caller.number().isEmpty()) {
            String n = caller.name().isEmpty() || caller.name().equals(number) ? (name == null ? "" : name) : caller.name();
            caller = new CallerId(n, number);
        }
        return caller;
    }

    private static String unquote(String text) {
        return HeaderText.oneLine(text, 200);
    }

    private static String decoded(String header) {
        if (header == null) {
            return null;
        }
        try {
            return HeaderText.oneLine(MimeUtility.decodeText(header), 80);
        } catch (java.io.UnsupportedEncodingException e) {
            return HeaderText.oneLine(header, 80);
        }
    }

    private static String durationFromHeader(String seconds) {
        if (seconds == null || !seconds.trim().matches("\\d{1,6}")) {
            return "";
        }
        int s = Integer.parseInt(seconds.trim());
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String trimPunctuation(String mailbox) {
        return mailbox.replaceAll("[.,;:]+$", "");
    }

    private static String firstText(Part part, int depth) throws MessagingException, IOException {
        if (depth > 5) {
            return null;
        }
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            Object content = part.getContent();
            return content instanceof String str ? str : null;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                String t = firstText(mp.getBodyPart(i), depth + 1);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private static Part recording(Part part, int depth) throws MessagingException, IOException {
        if (depth > 5) {
            return null;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                Part found = recording(mp.getBodyPart(i), depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (depth == 0) {
            return null; // a single-part email is the text itself
        }
        String name = part.getFileName();
        boolean audioName = name != null && AUDIO_NAME.matcher(name).matches();
        return part.isMimeType("audio/*") || (part instanceof BodyPart && audioName) ? part : null;
    }
}
