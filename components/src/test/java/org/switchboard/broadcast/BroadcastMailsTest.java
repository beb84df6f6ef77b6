package org.switchboard.broadcast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.broadcast.Plan.MissingPlaceholder;
import org.switchboard.broadcast.Plan.Planned;
import org.switchboard.broadcast.Plan.Recipient;
import org.switchboard.broadcast.Plan.Refused;
import org.switchboard.broadcast.Plan.Sample;
import org.switchboard.mail.MailSettings;
import org.switchboard.mail.TestMailSettings;
import org.switchboard.store.TestDatabaseExtension;

/** The preview, refusal and report mails, written as bytes and parsed back the way a mail client would. */
class BroadcastMailsTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final MailSettings SETTINGS = TestMailSettings.embeddedDefault(ZoneId.of("Asia/Jakarta"));
    private static final String STAFF = "guru@school.example";
    private static final String REQUEST = "<request-1@school.example>";

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private final BroadcastMails mails = new BroadcastMails();

    private static MimeMessage roundTrip(MimeMessage mail) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return new MimeMessage(SESSION, new ByteArrayInputStream(out.toByteArray()));
    }

    private static Broadcast broadcast(long id, String previewMessageId) {
        return new Broadcast(id, STAFF, "email", REQUEST, "ipa-2018", Map.of("school", "SMA 1", "major", "IPA"),
                "Halo {first_name}", BroadcastStatus.AWAITING_CONFIRMATION, 689, 4, 2, 1, 1378, previewMessageId, null,
                OffsetDateTime.now(), null, null, null);
    }

    @Test
    void previewAnswersTheRequestAndCanBeRepliedTo() throws Exception {
        Planned plan = new Planned(12, 689, 4, 2, 1, 1378, 2, List.of(
                new Sample("+6281200000001", "Budi Santoso", "Halo Budi, pengumuman kelulusan.", 1),
                new Sample("+6281200000002", "Siti\r\nBcc: evil@example.com", "Halo Siti, pengumuman.", 2)), false);

        MimeMessage mail = roundTrip(mails.preview(SESSION, SETTINGS, broadcast(12, null), plan, REQUEST, 4, 6.0));

        assertEquals("<broadcast-12-preview@sms.switchboard.local>", mail.getMessageID());
        assertEquals(BroadcastMails.previewMessageId(12, SETTINGS), mail.getMessageID());
        assertEquals("Broadcast #12: 689 recipients - reply YES to send", mail.getSubject());
        assertArrayEquals(new InternetAddress[] {new InternetAddress(STAFF)}, mail.getRecipients(Message.RecipientType.TO));
        assertEquals(new InternetAddress(SETTINGS.hubAddress()), mail.getFrom()[0]);
        assertEquals(REQUEST, mail.getHeader("In-Reply-To", null));
        assertEquals(REQUEST, mail.getHeader("References", null));
        assertEquals("12", mail.getHeader(BroadcastMails.BROADCAST_HEADER, null));
        assertNull(mail.getHeader("Auto-Submitted"), "staff must be able to reply to the preview");
        assertNull(mail.getHeader("Bcc"));
        assertTrue(mail.isMimeType("text/plain"));

        String body = (String) mail.getContent();
        assertTrue(body.contains("Recipients:  689"), body);
        assertTrue(body.contains("segment ipa-2018: major = IPA, school = SMA 1"), body);
        assertTrue(body.contains("4 contacts opted out, 2 invalid numbers, 1 duplicate number"), body);
        assertTrue(body.contains("1378 in all, up to 2 per message"), body);
        // 1378 parts over 4 modems at 6 s a part: 345 parts each, 2070 s
        assertTrue(body.contains("about 35 min on 4 lines"), body);
        assertTrue(body.contains("--- to Budi Santoso (+6281200000001) (1 SMS part)\nHalo Budi, pengumuman kelulusan."),
                body);
        assertTrue(body.contains("--- to Siti Bcc: evil@example.com (+6281200000002) (2 SMS parts)"), body);
        assertTrue(body.contains("reply to this email with YES"), body);
        assertTrue(body.contains("POST /api/broadcasts/12/confirm"), body);
    }

    @Test
    void previewWithoutAModemSaysTheDurationIsUnknown() throws Exception {
        Planned plan = new Planned(3, 1, 0, 0, 0, 1, 1, List.of(new Sample("+6281200000001", null, "Halo", 1)), false);
        MimeMessage mail = roundTrip(mails.preview(SESSION, SETTINGS, broadcast(3, null), plan, null, 0, 6.0));
        assertNull(mail.getHeader("In-Reply-To"));
        String body = (String) mail.getContent();
        assertTrue(body.contains("unknown: no line is up right now"), body);
        assertTrue(body.contains("--- to +6281200000001 (1 SMS part)"), body);
    }

    @Test
    void estimateSpreadsThePartsOverTheModems() {
        assertEquals(Optional.of(Duration.ofSeconds(2070)), SendEstimate.duration(1378, 4, 6.0));
        assertEquals(Optional.of(Duration.ofSeconds(3)), SendEstimate.duration(1, 8, 2.5));
        assertEquals(Optional.of(Duration.ZERO), SendEstimate.duration(0, 2, 6));
        assertEquals(Optional.empty(), SendEstimate.duration(10, 0, 6));
        assertEquals("35 min", SendEstimate.inWords(Duration.ofSeconds(2070)));
        assertEquals("2 h 5 min", SendEstimate.inWords(Duration.ofMinutes(125)));
        assertEquals("40 s", SendEstimate.inWords(Duration.ofSeconds(40)));
    }

    @Test
    void refusalNamesTheMissingAttributesAndExamples() throws Exception {
        Refused refused = new Refused("2 of the 689 recipients have no value for {major} (2); nothing was sent",
                List.of(new MissingPlaceholder("major", 2, List.of(new Recipient("+6281200000007", "Dewi Lestari"),
                        new Recipient("+6281200000008", null)))));

        MimeMessage mail = roundTrip(mails.refused(SESSION, SETTINGS, STAFF, REQUEST, "Pengumuman", refused));

        assertEquals("Broadcast not sent: Pengumuman", mail.getSubject());
        assertEquals("auto-replied", mail.getHeader("Auto-Submitted", null));
        assertEquals(REQUEST, mail.getHeader("In-Reply-To", null));
        assertTrue(mail.getMessageID().startsWith("<broadcast-refused-"), mail.getMessageID());
        assertEquals(mail.getMessageID(),
                roundTrip(mails.refused(SESSION, SETTINGS, STAFF, REQUEST, "Pengumuman", refused)).getMessageID(),
                "the same request is refused with the same Message-ID");
        String body = (String) mail.getContent();
        assertTrue(body.contains("stored nothing"), body);
        assertTrue(body.contains("{major}: 2 recipients have no value for it"), body);
        assertTrue(body.contains("  Dewi Lestari (+6281200000007)\n  +6281200000008\n"), body);
    }

    @Test
    void reportIsMultipartWithTheCsvAttached(@TempDir Path tmp) throws Exception {
        BroadcastFixtures fx = new BroadcastFixtures(db.dataSource());
        fx.emptyTables();
        long id = BroadcastReportTest.finishedBroadcast(fx);
        BroadcastStore store = new BroadcastStore(db.dataSource());
        store.setPreviewMessageId(id, BroadcastMails.previewMessageId(id, SETTINGS));
        fx.sql("UPDATE broadcast SET source = 'email', source_ref = ? WHERE id = ?", REQUEST, id);
        Broadcast b = store.find(id).orElseThrow();
        BroadcastReport report = new BroadcastReport(db.dataSource());
        StringBuilder expectedCsv = new StringBuilder();
        try (var w = new java.io.StringWriter()) {
            report.writeCsv(id, w, SETTINGS.zone());
            expectedCsv.append(w);
        }

        MimeMessage mail;
        Path csvFile;
        try (BroadcastMails.ReportMail rm = mails.report(SESSION, SETTINGS, b, report.summary(id), report, tmp)) {
            csvFile = rm.csvFile();
            assertTrue(Files.exists(csvFile));
            mail = roundTrip(rm.message());
        }
        assertFalse(Files.exists(csvFile), "closing the report mail deletes its CSV");

        assertEquals(BroadcastMails.reportMessageId(id, SETTINGS), mail.getMessageID());
        assertEquals("auto-generated", mail.getHeader("Auto-Submitted", null));
        assertEquals(Long.toString(id), mail.getHeader(BroadcastMails.BROADCAST_HEADER, null));
        assertEquals("Broadcast #" + id + " report: 5 sent, 3 delivered, 4 failed", mail.getSubject());
        assertEquals(BroadcastMails.previewMessageId(id, SETTINGS), mail.getHeader("In-Reply-To", null));
        assertEquals(REQUEST + " " + BroadcastMails.previewMessageId(id, SETTINGS), mail.getHeader("References", null));
        assertTrue(mail.isMimeType("multipart/mixed"), mail.getContentType());

        MimeMultipart mixed = (MimeMultipart) mail.getContent();
        assertEquals(2, mixed.getCount());
        BodyPart text = mixed.getBodyPart(0);
        assertTrue(text.isMimeType("text/plain"));
        String summary = (String) text.getContent();
        assertTrue(summary.contains("Sent:                5"), summary);
        assertTrue(summary.contains("Delivered:           3"), summary);
        assertTrue(summary.contains("Failed:              4 (3 not sent, 1 reported undelivered)"), summary);
        assertTrue(summary.contains("Possible duplicates: 1"), summary);
        assertTrue(summary.contains("Duration:            20 min"), summary);
        assertTrue(summary.contains("  2  +CMS ERROR: 21 (error 21)"), summary);
        assertTrue(summary.contains("  1  not delivered (status report code 69)"), summary);

        BodyPart csv = mixed.getBodyPart(1);
        assertTrue(csv.isMimeType("text/csv"), csv.getContentType());
        assertEquals(Part.ATTACHMENT, csv.getDisposition());
        assertEquals("broadcast-" + id + ".csv", csv.getFileName());
        assertEquals("base64", csv.getHeader("Content-Transfer-Encoding")[0]);
        try (InputStream in = csv.getInputStream()) {
            String attached = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(expectedCsv.toString(), attached);
            assertTrue(attached.startsWith("number,name,status,"), attached);
            assertEquals(10, attached.split("\r\n").length, attached);
        }
    }
}
