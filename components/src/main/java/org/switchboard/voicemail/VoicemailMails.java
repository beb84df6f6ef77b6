package org.switchboard.voicemail;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.switchboard.mail.FixedIdMessage;
import org.switchboard.mail.HeaderText;
import org.switchboard.mail.MailSettings;

/**
 * The voicemail emails to a mailbox's owner: the notification of new voicemail with each new recording from the spool
 * attached, the forward of Asterisk's own voicemail email, and the SMS text. Anything that came from the PBX is made
 * one clean line before it reaches a header; attachments are streamed from their file or from the original email.
 */
public final class VoicemailMails {

    public static final String MAILBOX_HEADER = "X-Switchboard-Voicemail-Mailbox";
    /** The Message-ID of the Asterisk email a forward was made from: the dedupe key, also for whoever reads the forward. */
    public static final String ORIGINAL_ID_HEADER = "X-Switchboard-Voicemail-Original-Id";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz", Locale.ROOT);
    private static final int MAX_MAILBOX = 40;
    private static final int MAX_CALLER_IN_SMS = 40;
    /** Recordings beyond this total stay on the PBX: most mail servers refuse messages above 25 MB once encoded. */
    public static final long MAX_ATTACHED_BYTES = 15L * 1024 * 1024;

    /** The notification's Message-ID: the same for the same mailbox and notification number, so a resend is one mail. */
    public static String notificationId(String mailbox, long notification, MailSettings settings) {
        return "<voicemail-" + idSafe(mailbox) + "-" + notification + "@" + domain(settings) + ">";
    }

    /** The forward's Message-ID, derived from the original's. */
    public static String forwardId(String originalMessageId, MailSettings settings) {
        return "<voicemail-forward-" + hash(originalMessageId) + "@" + domain(settings) + ">";
    }

    /**
     * "2 new voicemails in mailbox 1001 (8 old)" to {@code to}, each recording with an audio file attached as
     * {@code voicemail-1001-msg0003.wav}, and its caller, date (in the hub's zone) and duration in the text.
     *
     * @param spoolProblems why recordings are missing (the spool's reasons); may be empty
     */
    public MimeMessage notification(Session session, String to, String mailbox, VoicemailCounts counts,
            long notification, List<Recording> recordings, List<String> spoolProblems, MailSettings settings)
            throws MessagingException {
        String box = HeaderText.oneLine(mailbox, MAX_MAILBOX);
        MimeMessage mail = new FixedIdMessage(session, notificationId(mailbox, notification, settings));
        headers(mail, to, box, settings);
        mail.setSubject(counts.summary(box), "UTF-8");

        StringBuilder text = new StringBuilder();
        text.append(counts.summary(box)).append(".\n\n");
        MimeMultipart parts = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        parts.addBodyPart(body);
        int n = 0;
        long attached = 0;
        for (Recording r : recordings) {
            n++;
            text.append(n).append(". From ").append(r.caller().display())
                    .append(", ").append(r.date().atZone(settings.zone()).format(WHEN))
                    .append(", ").append(r.durationText()).append(r.urgent() ? ", urgent" : "");
            long size = r.audio() == null ? 0 : sizeOf(r.audio());
            if (r.audio() != null && size >= 0 && attached + size > MAX_ATTACHED_BYTES) {
                text.append(": not attached, the email would be too large; it is on the PBX.\n");
            } else if (r.audio() != null && size >= 0) {
                attached += size;
                String filename = "voicemail-" + fileSafe(box) + "-" + r.baseName() + "." + r.audioFormat().toLowerCase(Locale.ROOT);
                parts.addBodyPart(new Base64FilePart(r.audio(), audioType(r.audioFormat()), filename));
                text.append(": attached as ").append(filename).append(".\n");
            } else {
                text.append(": the recording was not found in the PBX's spool.\n");
            }
        }
        if (!spoolProblems.isEmpty()) {
            text.append(n == 0 ? "" : "\n").append("Some recordings could not be read from the PBX's voicemail spool:\n");
            spoolProblems.stream().limit(10).forEach(p -> text.append("- ").append(HeaderText.oneLine(p, 200)).append('\n'));
        } else if (n == 0) {
            text.append("The recordings are on the PBX: listen to them by phone from mailbox ").append(box).append(".\n");
        }
        text.append("\nThis message was written automatically by Switchboard.\n");
        body.setText(text.toString(), "UTF-8", "plain");
        mail.setContent(parts);
        mail.saveChanges();
        return mail;
    }

    /**
     * Asterisk's voicemail email, forwarded to {@code to} as "Voicemail from John &lt;1234&gt;, 0:05, mailbox 1001" with
     * the recording attached and the original's Message-ID in {@link #ORIGINAL_ID_HEADER}.
     */
    public MimeMessage forward(Session session, AsteriskVoicemailMail original, String to, MailSettings settings)
            throws MessagingException {
        String box = HeaderText.oneLine(original.mailbox(), MAX_MAILBOX);
        MimeMessage mail = new FixedIdMessage(session, forwardId(original.messageId(), settings));
        headers(mail, to, box, settings);
        mail.setHeader(ORIGINAL_ID_HEADER, original.messageId());
        mail.setSubject(subject(original, box), "UTF-8");

        StringBuilder text = new StringBuilder();
        text.append("Voicemail in mailbox ").append(box).append(" from ").append(original.caller().display());
        if (!original.duration().isEmpty()) {
            text.append(", ").append(original.duration()).append(" long");
        }
        if (original.messageNumber() > 0) {
            text.append(" (message ").append(original.messageNumber()).append(')');
        }
        text.append(original.urgent() ? ", urgent" : "").append(".\n");
        if (!original.date().isEmpty()) {
            text.append("Left ").append(original.date()).append(" (the PBX's time).\n");
        }
        MimeMultipart parts = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        parts.addBodyPart(body);
        Optional<Part> recording = original.recording();
        if (recording.isPresent()) {
            String ext = original.recordingExtension();
            String filename = "voicemail-" + fileSafe(box) + "-msg" + String.format(Locale.ROOT, "%04d",
                    Math.max(0, original.messageNumber() - 1)) + "." + ext;
            String type = audioType(ext);
            DataSource source = recording.get().getDataHandler().getDataSource();
            parts.addBodyPart(attachment(new TypedDataSource(source, type), filename));
            text.append("The recording is attached (").append(filename).append(").\n");
        } else {
            text.append("The PBX sent no recording with this voicemail: listen to it by phone.\n");
        }
        text.append("\nForwarded automatically by Switchboard from the PBX's voicemail email.\n");
        body.setText(text.toString(), "UTF-8", "plain");
        mail.setContent(parts);
        mail.saveChanges();
        return mail;
    }

    /** "2 new voicemails in mailbox 1001 (8 old), latest from John &lt;1234&gt;", for owners with an SMS number. */
    public static String smsText(String mailbox, VoicemailCounts counts, Optional<CallerId> latestCaller) {
        String text = counts.summary(HeaderText.oneLine(mailbox, MAX_MAILBOX));
        if (latestCaller.isPresent() && !latestCaller.get().isUnknown()) {
            text += ", latest from " + HeaderText.oneLine(latestCaller.get().display(), MAX_CALLER_IN_SMS);
        }
        return text;
    }

    private static String subject(AsteriskVoicemailMail original, String box) {
        StringBuilder s = new StringBuilder("Voicemail from ").append(original.caller().display());
        if (!original.duration().isEmpty()) {
            s.append(", ").append(original.duration());
        }
        return HeaderText.oneLine(s.append(", mailbox ").append(box).toString(), 200);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // gone since the spool was read: reported as not found
        }
    }

    private static void headers(MimeMessage mail, String to, String box, MailSettings settings) throws MessagingException {
        InternetAddress from = new InternetAddress(settings.hubAddress(), true);
        try {
            from.setPersonal("Switchboard voicemail", "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        mail.setFrom(from);
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        mail.setSentDate(new Date());
        mail.setHeader(MAILBOX_HEADER, box);
        mail.setHeader("Auto-Submitted", "auto-generated");
    }

    private static MimeBodyPart attachment(DataSource source, String filename) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(source));
        part.setFileName(filename);
        part.setDisposition(Part.ATTACHMENT);
        // Named up front: otherwise jakarta.mail reads the whole recording once just to choose an encoding.
        part.setHeader("Content-Transfer-Encoding", "base64");
        part.setHeader("Content-Type", source.getContentType() + "; name=\"" + filename + "\"");
        return part;
    }

    static String audioType(String extension) {
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "gsm" -> "audio/x-gsm";
            case "mp3" -> "audio/mpeg";
            case "ogg" -> "audio/ogg";
            default -> "audio/wav";
        };
    }

    private static String idSafe(String text) {
        String s = text == null ? "" : text.replaceAll("[^0-9A-Za-z_.-]", "_");
        return s.isEmpty() || s.length() > MAX_MAILBOX ? hash(String.valueOf(text)) : s;
    }

    private static String fileSafe(String text) {
        String s = text.replaceAll("[^0-9A-Za-z_-]", "_");
        return s.isEmpty() ? "mailbox" : s;
    }

    private static String domain(MailSettings settings) {
        String hub = settings.hubAddress();
        return hub.substring(hub.indexOf('@') + 1);
    }

    private static String hash(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Another source's bytes under the content type we name. */
    private record TypedDataSource(DataSource source, String type) implements DataSource {

        @Override
        public java.io.InputStream getInputStream() throws java.io.IOException {
            return source.getInputStream();
        }

        @Override
        public java.io.OutputStream getOutputStream() throws java.io.IOException {
            throw new java.io.IOException("read-only");
        }

        @Override
        public String getContentType() {
            return type;
        }

        @Override
        public String getName() {
            return source.getName();
        }
    }
}
