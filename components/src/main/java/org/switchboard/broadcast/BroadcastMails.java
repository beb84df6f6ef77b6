package org.switchboard.broadcast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.switchboard.broadcast.BroadcastReport.FailureReason;
import org.switchboard.broadcast.BroadcastReport.Summary;
import org.switchboard.broadcast.Plan.MissingPlaceholder;
import org.switchboard.broadcast.Plan.Planned;
import org.switchboard.broadcast.Plan.Recipient;
import org.switchboard.broadcast.Plan.Refused;
import org.switchboard.broadcast.Plan.Sample;
import org.switchboard.mail.FixedIdMessage;
import org.switchboard.mail.HeaderText;
import org.switchboard.mail.MailSettings;
import org.switchboard.mail.MessageIds;

/**
 * The emails of a broadcast: the preview the sender confirms by replying YES, the refusal when some recipients
 * lack a placeholder's value, and the report with every recipient's status attached as CSV.
 * <p>
 * Message-IDs are derived from the broadcast (or the request), so a mail written again after a crash is the same
 * mail. The preview deliberately has no {@code Auto-Submitted} header: the sender must answer it, and some mail
 * clients and servers will not let a reply to automatic mail through.
 */
public final class BroadcastMails {

    public static final String BROADCAST_HEADER = "X-Switchboard-Broadcast";
    private static final int MAX_SUBJECT = 200;
    private static final int MAX_NAME = 64;

    public static String previewMessageId(long broadcastId, MailSettings settings) {
        return "<broadcast-" + broadcastId + "-preview@" + settings.smsDomain() + ">";
    }

    public static String reportMessageId(long broadcastId, MailSettings settings) {
        return "<broadcast-" + broadcastId + "-report@" + settings.smsDomain() + ">";
    }

    /**
     * The preview of a held broadcast, to its requester, threaded under the request.
     *
     * @param requestMessageId the request email's Message-ID, or null (an API request)
     * @param readyLines       channel lines able to send now, for the duration estimate
     * @param secondsPerPart   one line's time per SMS part
     */
    public MimeMessage preview(Session session, MailSettings settings, Broadcast broadcast, Planned plan,
            String requestMessageId, int readyLines, double secondsPerPart) throws MessagingException {
        MimeMessage mail = new FixedIdMessage(session, previewMessageId(broadcast.id(), settings));
        addressed(mail, settings, broadcast.requestedBy());
        mail.setSubject("Broadcast #" + broadcast.id() + ": " + count(plan.recipients(), "recipient")
                + " - reply YES to send", "UTF-8");
        threading(mail, requestMessageId == null ? List.of() : List.of(requestMessageId));
        mail.setHeader(BROADCAST_HEADER, Long.toString(broadcast.id()));
        mail.setText(previewBody(broadcast, plan, readyLines, secondsPerPart), "UTF-8", "plain");
        mail.saveChanges();
        return mail;
    }

    private static String previewBody(Broadcast b, Planned plan, int readyLines, double secondsPerPart) {
        StringBuilder t = new StringBuilder();
        t.append("Your broadcast #").append(b.id()).append(" is ready and waits for your confirmation.\n\n");
        t.append("Recipients:  ").append(plan.recipients()).append('\n');
        t.append("To:          ").append(b.segment() == null ? "" : "segment " + oneLine(b.segment()) + ": ")
                .append(oneLine(Filters.inWords(b.filter()))).append('\n');
        t.append("Left out:    ").append(count(plan.optedOut(), "contact")).append(" opted out, ")
                .append(count(plan.invalid(), "invalid number")).append(", ")
                .append(count(plan.duplicates(), "duplicate number")).append('\n');
        t.append("SMS parts:   ").append(plan.totalParts()).append(" in all, up to ").append(plan.maxParts())
                .append(" per message\n");
        Optional<Duration> estimate = SendEstimate.duration(plan.totalParts(), readyLines, secondsPerPart);
        t.append("Duration:    ").append(estimate.map(d -> "about " + SendEstimate.inWords(d) + " on "
                + count(readyLines, "line")).orElse("unknown: no line is up right now")).append("\n\n");
        t.append("The first messages as they will be sent:\n");
        for (Sample s : plan.samples()) {
            t.append("\n--- to ").append(who(s.number(), s.name())).append(" (").append(count(s.parts(), "SMS part"))
                    .append(")\n").append(s.text().stripTrailing()).append('\n');
        }
        t.append("\nTo send it, reply to this email with YES. To cancel it, reply NO.\n");
        t.append("Through the API: POST /api/broadcasts/").append(b.id()).append("/confirm (or /cancel).\n");
        t.append("Nothing is sent until you confirm.\n");
        return clean(t);
    }

    /**
     * The refusal of a request some recipients cannot be sent (a missing placeholder value) or that cannot be
     * sent at all; an answer to a person, so {@code Auto-Submitted: auto-replied}.
     */
    public MimeMessage refused(Session session, MailSettings settings, String to, String requestMessageId,
            String requestSubject, Refused refusal) throws MessagingException {
        String requestId = MessageIds.normalise(requestMessageId);
        MimeMessage mail = requestId == null ? new MimeMessage(session)
                : new FixedIdMessage(session, refusalId(requestId, settings));
        addressed(mail, settings, to);
        String subject = HeaderText.oneLine(requestSubject, MAX_SUBJECT);
        mail.setSubject("Broadcast not sent: " + (subject.isEmpty() ? "(no subject)" : subject), "UTF-8");
        mail.setHeader("Auto-Submitted", "auto-replied");
        threading(mail, requestId == null ? List.of() : List.of(requestId));
        mail.setText(refusalBody(refusal), "UTF-8", "plain");
        mail.saveChanges();
        return mail;
    }

    private static String refusalBody(Refused refusal) {
        StringBuilder t = new StringBuilder();
        t.append("Switchboard did not send your broadcast, and stored nothing of it.\n\n");
        t.append("Why: ").append(refusal.reason().strip()).append(".\n");
        for (MissingPlaceholder m : refusal.missing()) {
            t.append("\n{").append(m.placeholder()).append("}: ").append(count(m.recipients(), "recipient"))
                    .append(m.recipients() == 1 ? " has" : " have").append(" no value for it, for example:\n");
            for (Recipient r : m.examples()) {
                t.append("  ").append(who(r.number(), r.name())).append('\n');
            }
        }
        if (!refusal.missing().isEmpty()) {
            t.append("\nFill in these contacts' attributes (or narrow the filter to contacts that have them),"
                    + " or take the placeholder out of the text, then send the request again.\n");
        }
        t.append("\nThis message was written automatically by Switchboard.\n");
        return clean(t);
    }

    /**
     * The report of a finished broadcast: a text part with the summary and every recipient's status as an attached
     * CSV. The CSV is written to a temporary file first and streamed from there when the mail is sent; close the
     * returned {@link ReportMail} after sending to delete it.
     *
     * @param tempDir where the CSV file goes (null: java.io.tmpdir)
     */
    public ReportMail report(Session session, MailSettings settings, Broadcast broadcast, Summary summary,
            BroadcastReport report, Path tempDir) throws MessagingException, IOException {
        Path csv = tempDir == null ? Files.createTempFile("broadcast-" + broadcast.id() + "-", ".csv")
                : Files.createTempFile(tempDir, "broadcast-" + broadcast.id() + "-", ".csv");
        try {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                report.writeCsv(broadcast.id(), w, settings.zone());
            }
            MimeMessage mail = new FixedIdMessage(session, reportMessageId(broadcast.id(), settings));
            addressed(mail, settings, broadcast.requestedBy());
            mail.setSubject("Broadcast #" + broadcast.id() + " report: " + summary.sent() + " sent, "
                    + summary.delivered() + " delivered, " + (summary.failed() + summary.notDelivered()) + " failed",
                    "UTF-8");
            mail.setHeader("Auto-Submitted", "auto-generated");
            mail.setHeader(BROADCAST_HEADER, Long.toString(broadcast.id()));
            List<String> thread = new ArrayList<>();
            if (broadcast.source().equals(BroadcastRequest.SOURCE_EMAIL) && broadcast.sourceRef() != null) {
                thread.add(broadcast.sourceRef());
            }
            if (broadcast.previewMessageId() != null) {
                thread.add(broadcast.previewMessageId());
            }
            threading(mail, thread);

            MimeBodyPart text = new MimeBodyPart();
            text.setText(reportBody(broadcast, summary), "UTF-8", "plain");
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new FileDataSource(csv.toFile()) {
                @Override
                public String getContentType() {
                    return "text/csv; charset=UTF-8";
                }
            }));
            attachment.setFileName("broadcast-" + broadcast.id() + ".csv");
            attachment.setDisposition(MimeBodyPart.ATTACHMENT);
            // Declared, so that saveChanges need not read the whole file to choose an encoding.
            attachment.setHeader("Content-Transfer-Encoding", "base64");
            MimeMultipart mixed = new MimeMultipart("mixed", text, attachment);
            mail.setContent(mixed);
            mail.saveChanges();
            return new ReportMail(mail, csv);
        } catch (MessagingException | IOException | RuntimeException e) {
            Files.deleteIfExists(csv);
            throw e;
        }
    }

    private static String reportBody(Broadcast b, Summary s) {
        StringBuilder t = new StringBuilder();
        t.append("Broadcast #").append(b.id()).append(b.status() == BroadcastStatus.CANCELLED
                ? " was cancelled while it was being sent. What went out before that:\n\n" : " has finished.\n\n");
        t.append("Recipients:          ").append(s.recipients()).append('\n');
        t.append("Sent:                ").append(s.sent()).append('\n');
        t.append("Delivered:           ").append(s.delivered()).append('\n');
        t.append("Failed:              ").append(s.failed() + s.notDelivered());
        if (s.notDelivered() > 0) {
            t.append(" (").append(s.failed()).append(" not sent, ").append(s.notDelivered())
                    .append(" reported undelivered)");
        }
        t.append('\n');
        t.append("No status report:    ").append(s.awaitingReport()).append('\n');
        if (s.cancelled() > 0) {
            t.append("Cancelled:           ").append(s.cancelled()).append('\n');
        }
        t.append("Possible duplicates: ").append(s.possibleDuplicates());
        if (s.possibleDuplicates() > 0) {
            t.append(" (sent again after a restart of the hub: these recipients may have it twice)");
        }
        t.append('\n');
        t.append("Duration:            ").append(s.duration().map(SendEstimate::inWords).orElse("-")).append('\n');
        if (!s.failures().isEmpty()) {
            t.append("\nFailures by reason:\n");
            for (FailureReason f : s.failures()) {
                t.append("  ").append(f.count()).append("  ").append(oneLine(f.error()));
                if (f.errorCode() != null) {
                    t.append(" (error ").append(f.errorCode()).append(')');
                }
                t.append('\n');
            }
        }
        t.append("\nEvery recipient's status is in the attached broadcast-").append(b.id()).append(".csv.\n");
        t.append("\nThis message was written automatically by Switchboard.\n");
        return clean(t);
    }

    private static void addressed(MimeMessage mail, MailSettings settings, String to) throws MessagingException {
        mail.setFrom(new InternetAddress(settings.hubAddress(), true));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        mail.setSentDate(new Date());
    }

    /** In-Reply-To the last id, References all of them (only well-formed ids; none: no threading). */
    private static void threading(MimeMessage mail, List<String> ids) throws MessagingException {
        List<String> valid = new ArrayList<>();
        for (String id : ids) {
            String n = MessageIds.normalise(id);
            if (n != null && !valid.contains(n)) {
                valid.add(n);
            }
        }
        if (!valid.isEmpty()) {
            mail.setHeader("In-Reply-To", valid.get(valid.size() - 1));
            mail.setHeader("References", String.join(" ", valid));
        }
    }

    /** The same request always gets the same refusal id, so a refusal written again after a crash is one mail. */
    private static String refusalId(String requestId, MailSettings settings) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
            return "<broadcast-refused-" + HexFormat.of().formatHex(hash, 0, 12) + "@" + settings.smsDomain() + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String who(String number, String name) {
        String n = HeaderText.oneLine(name, MAX_NAME);
        return n.isEmpty() ? number : n + " (" + number + ")";
    }

    private static String oneLine(String text) {
        return HeaderText.oneLine(text, 500);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    // A lone surrogate (say, from a cut attribute value) would make the encoder fail; the round trip makes it '?'.
    private static String clean(StringBuilder text) {
        return new String(text.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** The report mail and its CSV file; closing deletes the file, so close it once the mail has been sent. */
    public record ReportMail(MimeMessage message, Path csvFile) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(csvFile);
            } catch (IOException e) {
                throw new UncheckedIOException("deleting " + csvFile, e);
            }
        }
    }
}
