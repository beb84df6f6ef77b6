package org.switchboard.voicemail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.mail.MailSettings;
import org.switchboard.mail.TestMailSettings;

/** The voicemail emails, written to bytes and parsed back with jakarta.mail as a mail client would. */
class VoicemailMailsTest {

    static final Session SESSION = Session.getInstance(new Properties());
    static final MailSettings SETTINGS = TestMailSettings.embeddedDefault(ZoneId.of("Asia/Jakarta"));

    @TempDir
    Path spool;

    private final VoicemailMails mails = new VoicemailMails();

    static byte[] bytes(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toByteArray();
    }

    static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
    }

    static MimeMessage eml(String name) throws Exception {
        try (InputStream in = VoicemailMailsTest.class.getResourceAsStream("/voicemail/" + name)) {
            return new MimeMessage(SESSION, in);
        }
    }

    static byte[] content(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private Recording recording(int n, String callerId, long origtime, int seconds, byte[] audio, String flag) throws Exception {
        VoicemailSpoolTest.write(spool, "1001", n, VoicemailSpoolTest.messageFile("1001", callerId, origtime, seconds, flag),
                audio, "wav");
        return new VoicemailSpool(spool, null).recordings("1001").recordings().stream()
                .filter(r -> r.messageNumber() == n).findFirst().orElseThrow();
    }

    @Test
    void theNotificationCarriesEachNewRecording() throws Exception {
        byte[] wav1 = new byte[1_200_000];
        new Random(1).nextBytes(wav1);
        byte[] wav2 = "RIFF....WAVE".getBytes(StandardCharsets.US_ASCII);
        Recording older = recording(2, "\"John\" <1234>", 1795690477L, 5, wav1, "");
        Recording newer = recording(3, "<+6281234567890>", 1795690600L, 75, wav2, "Urgent");

        MimeMessage sent = mails.notification(SESSION, "helpdesk@switchboard.local", "1001", new VoicemailCounts(2, 8),
                7, List.of(newer, older), List.of(), SETTINGS);
        MimeMessage mail = parse(bytes(sent));

        assertEquals("2 new voicemails in mailbox 1001 (8 old)", mail.getSubject());
        assertEquals("<voicemail-1001-7@switchboard.local>", mail.getMessageID());
        assertEquals("auto-generated", mail.getHeader("Auto-Submitted", null));
        assertEquals("1001", mail.getHeader(VoicemailMails.MAILBOX_HEADER, null));
        assertEquals("helpdesk@switchboard.local", ((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        assertEquals("hub@switchboard.local", ((InternetAddress) mail.getFrom()[0]).getAddress());

        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertEquals(3, parts.getCount());
        String text = (String) parts.getBodyPart(0).getContent();
        assertTrue(text.contains("1. From +6281234567890, Thu 26 Nov 2026 17:56 WIB, 1:15, urgent: attached as voicemail-1001-msg0003.wav"), text);
        assertTrue(text.contains("2. From John <1234>, Thu 26 Nov 2026 17:54 WIB, 0:05: attached as voicemail-1001-msg0002.wav"), text);

        Part first = parts.getBodyPart(1);
        assertTrue(first.isMimeType("audio/wav"));
        assertEquals(Part.ATTACHMENT, first.getDisposition());
        assertEquals("voicemail-1001-msg0003.wav", first.getFileName());
        assertArrayEquals(wav2, content(first));
        Part second = parts.getBodyPart(2);
        assertEquals("voicemail-1001-msg0002.wav", second.getFileName());
        assertArrayEquals(wav1, content(second));
    }

    @Test
    void recordingsBeyondTheSizeLimitStayOnThePbx() throws Exception {
        byte[] big = new byte[6 * 1024 * 1024];
        recording(0, "<1>", 1000, 3, big, "");
        recording(1, "<2>", 1001, 3, big, "");
        recording(2, "<3>", 1002, 3, big, "");
        recording(3, "<4>", 1003, 3, new byte[10], "");
        VoicemailSpool.Listing listing = new VoicemailSpool(spool, null).recordings("1001");
        assertEquals(List.of(3, 2), listing.newest(2).recordings().stream().map(Recording::messageNumber).toList());
        MimeMessage mail = parse(bytes(mails.notification(SESSION, "a@switchboard.local", "1001",
                new VoicemailCounts(4, 0), 1, listing.recordings(), listing.problems(), SETTINGS)));
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertEquals(1 + 3, parts.getCount(), "the small one and two of the big ones fit under 15 MB");
        String text = (String) parts.getBodyPart(0).getContent();
        assertTrue(text.contains("4. From 1, Thu 1 Jan 1970 07:16 WIB, 0:03: not attached, the email would be too large"), text);
    }

    @Test
    void theSameNotificationHasTheSameMessageId() throws Exception {
        VoicemailCounts counts = new VoicemailCounts(1, 0);
        MimeMessage a = mails.notification(SESSION, "a@switchboard.local", "1001", counts, 3, List.of(), List.of(), SETTINGS);
        MimeMessage b = mails.notification(SESSION, "a@switchboard.local", "1001", counts, 3, List.of(), List.of(), SETTINGS);
        a.saveChanges();
        assertEquals(a.getMessageID(), b.getMessageID());
        assertFalse(a.getMessageID().equals(mails.notification(SESSION, "a@switchboard.local", "1001", counts, 4,
                List.of(), List.of(), SETTINGS).getMessageID()));
    }

    @Test
    void urgentCountsAreMentionedWhenThereAreAny() {
        assertEquals("1 new voicemail in mailbox 1001 (0 old)", new VoicemailCounts(1, 0).summary("1001"));
        assertEquals("3 new voicemails (1 urgent) in mailbox 1001 (8 old, 2 urgent)",
                new VoicemailCounts(3, 8, 1, 2).summary("1001"));
    }

    @Test
    void withoutRecordingsTheNotificationSaysWhy() throws Exception {
        Recording noAudio = recording(0, "<1>", 1000, 3, null, "");
        MimeMessage mail = parse(bytes(mails.notification(SESSION, "a@switchboard.local", "1001",
                new VoicemailCounts(2, 0), 1, List.of(noAudio), List.of("no permission to read /var/spool/x"), SETTINGS)));
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertEquals(1, parts.getCount());
        String text = (String) parts.getBodyPart(0).getContent();
        assertTrue(text.contains("the recording was not found in the PBX's spool"), text);
        assertTrue(text.contains("- no permission to read /var/spool/x"), text);
    }

    @Test
    void aCallerIdOrMailboxCannotAddHeaders() throws Exception {
        Recording evil = new Recording("1001", 1, null, CallerId.parse("\"Evil\r\nBcc: victim@example.com\" <1\r\nX-Injected: yes>"),
                Instant.ofEpochSecond(1000), Duration.ofSeconds(1), null, null, null);
        byte[] raw = bytes(mails.notification(SESSION, "a@switchboard.local", "1001\r\nBcc: victim@example.com",
                new VoicemailCounts(1, 0), 1, List.of(evil), List.of(), SETTINGS));
        String text = new String(raw, StandardCharsets.UTF_8);
        assertFalse(text.contains("\nBcc:"), text);
        assertFalse(text.contains("\nX-Injected:"), text);
        MimeMessage mail = parse(raw);
        assertNull(mail.getHeader("Bcc"));
        assertNull(mail.getHeader("X-Injected"));
        assertEquals(1, mail.getAllRecipients().length);
        assertEquals("1 new voicemail in mailbox 1001 Bcc: victim@example.com (0 old)", mail.getSubject());

        AsteriskVoicemailMail forged = new AsteriskVoicemailMail("<x@pbx>", "1001\nBcc: v@example.com",
                CallerId.parse("\"A\r\nBcc: v@example.com\" <1>"), "0:05", 1, "", false, null, "");
        String fwd = new String(bytes(mails.forward(SESSION, forged, "a@switchboard.local", SETTINGS)), StandardCharsets.UTF_8);
        assertFalse(fwd.contains("\nBcc:"), fwd);
    }

    @Test
    void asteriskVoicemailEmailIsRecognised() throws Exception {
        AsteriskVoicemailMail.Reading reading = AsteriskVoicemailMail.parse(eml("asterisk-voicemail.eml"));
        AsteriskVoicemailMail vm = reading.voicemail().orElseThrow(() -> new AssertionError(reading.reason()));
        assertEquals("<Asterisk-1-1820457733-1001-2261@pbx>", vm.messageId());
        assertEquals("1001", vm.mailbox());
        assertEquals(new CallerId("John", "1234"), vm.caller());
        assertEquals("0:05", vm.duration());
        assertEquals(1, vm.messageNumber());
        assertEquals("Thursday, November 26, 2026 at 10:54:37 AM", vm.date());
        assertFalse(vm.urgent());
        assertEquals("wav", vm.recordingExtension());
        assertArrayEquals(wav(), content(vm.recording().orElseThrow()));
    }

    @Test
    void theSampleTemplateOfVoicemailConfIsRecognisedToo() throws Exception {
        AsteriskVoicemailMail vm = AsteriskVoicemailMail.parse(eml("asterisk-voicemail-template.eml")).voicemail().orElseThrow();
        assertEquals("1002", vm.mailbox());
        assertEquals(new CallerId("Budi Santoso", "+6281234567890"), vm.caller());
        assertEquals("1:12", vm.duration());
        assertEquals(3, vm.messageNumber());
        assertTrue(vm.urgent());
        assertEquals("Thursday, November 26, 2026 at 11:02:10 AM", vm.date());
    }

    @Test
    void otherMailIsNotAVoicemail() throws Exception {
        MimeMessage plain = new MimeMessage(SESSION);
        plain.setSubject("Lunch?");
        plain.setText("Shall we go at noon?");
        plain.saveChanges();
        AsteriskVoicemailMail.Reading reading = AsteriskVoicemailMail.parse(parse(bytes(plain)));
        assertEquals(Optional.empty(), reading.voicemail());
        assertTrue(reading.reason().startsWith("not an Asterisk voicemail email"), reading.reason());

        MimeMessage lookalike = new MimeMessage(SESSION);
        lookalike.setSubject("[PBX]: New message 1 in mailbox 1001");
        lookalike.setText("Hi, this is a phishing mail.");
        assertTrue(AsteriskVoicemailMail.parse(parse(bytes(lookalike))).voicemail().isEmpty());

        String noId = new String(bytes(eml("asterisk-voicemail.eml")), StandardCharsets.ISO_8859_1)
                .replace("Message-ID: <Asterisk-1-1820457733-1001-2261@pbx>\r\n", "");
        AsteriskVoicemailMail.Reading withoutId = AsteriskVoicemailMail.parse(parse(noId.getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(withoutId.voicemail().isEmpty());
        assertTrue(withoutId.reason().contains("Message-ID"), withoutId.reason());
    }

    @Test
    void theForwardGoesToTheOwnerWithCallerAndDurationInTheSubject() throws Exception {
        AsteriskVoicemailMail vm = AsteriskVoicemailMail.parse(eml("asterisk-voicemail.eml")).voicemail().orElseThrow();
        MimeMessage mail = parse(bytes(mails.forward(SESSION, vm, "ani@switchboard.local", SETTINGS)));
        assertEquals("Voicemail from John <1234>, 0:05, mailbox 1001", mail.getSubject());
        assertEquals("<Asterisk-1-1820457733-1001-2261@pbx>", mail.getHeader(VoicemailMails.ORIGINAL_ID_HEADER, null));
        assertEquals(VoicemailMails.forwardId("<Asterisk-1-1820457733-1001-2261@pbx>", SETTINGS), mail.getMessageID());
        assertEquals("auto-generated", mail.getHeader("Auto-Submitted", null));
        assertEquals("ani@switchboard.local", ((InternetAddress) mail.getAllRecipients()[0]).getAddress());
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(((String) parts.getBodyPart(0).getContent()).contains("Voicemail in mailbox 1001 from John <1234>, 0:05 long (message 1)."));
        Part audio = parts.getBodyPart(1);
        assertTrue(audio.isMimeType("audio/wav"));
        assertEquals("voicemail-1001-msg0000.wav", audio.getFileName());
        assertArrayEquals(wav(), content(audio));
    }

    @Test
    void smsText() {
        assertEquals("2 new voicemails in mailbox 1001 (8 old), latest from John <1234>",
                VoicemailMails.smsText("1001", new VoicemailCounts(2, 8), Optional.of(new CallerId("John", "1234"))));
        assertEquals("1 new voicemail in mailbox 1001 (0 old)",
                VoicemailMails.smsText("1001", new VoicemailCounts(1, 0), Optional.of(CallerId.UNKNOWN)));
    }

    private static byte[] wav() throws Exception {
        return Files.readAllBytes(Path.of(VoicemailMailsTest.class.getResource("/voicemail/msg0000.wav").toURI()));
    }
}
