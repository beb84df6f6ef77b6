package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.sip.Sipp;

/**
 * Voicemail end to end: SIPp plays Asterisk and sends message-summary NOTIFYs to the hub; the hub tells mailbox 1001's
 * owner (the help desk) by email, with the recordings it reads from a voicemail spool the test writes as Asterisk
 * does, and mailbox 1002's owner also by SMS; a repeated NOTIFY tells nobody again, a rising count does; a stranger,
 * another event package and a malformed body are refused; the journal has every NOTIFY with its source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VoicemailTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HELPDESK = "helpdesk@switchboard.local";

    @TempDir
    static Path dir;
    private InProcessHub hub;
    private MailboxClient mail;
    private byte[] wav;

    @BeforeAll
    void start() throws Exception {
        Sipp.executable(); // skips (or, on CI, fails) at once without SIPp
        Path inbox = Files.createDirectories(dir.resolve("spool/default/1001/INBOX"));
        wav = new byte[48_000];
        new Random(7).nextBytes(wav);
        for (int n = 0; n < 3; n++) {
            String msg = String.format("msg%04d", n);
            Files.write(inbox.resolve(msg + ".wav"), wav);
            Files.writeString(inbox.resolve(msg + ".txt"), ";\n; Message Information file\n;\n[message]\n"
                    + "origmailbox=1001\ncontext=from-internal\nmacrocontext=\nexten=1001\nrdnis=unknown\npriority=2\n"
                    + "callerchan=SIP/200-0000000" + n + "\ncallerid=\"Budi Santoso\" <08123450" + n + ">\n"
                    + "origdate=Thu Nov 26 09:0" + n + ":00 AM UTC 2026\norigtime=" + (1_795_683_600L + 60L * n) + "\n"
                    + "category=\nmsg_id=1795683600-0000000" + n + "\nflag=\nduration=" + (5 + n) + "\n");
        }
        hub = InProcessHub.start(dir, Map.of(
                "switchboard.voicemail.spool", dir.resolve("spool").toString(),
                "switchboard.voicemail.mailbox.1002", "staff@switchboard.local, +6281300001002",
                "switchboard.voicemail.poll-millis", "100"));
        mail = new MailboxClient(hub.hub().embeddedMail().smtpPort(), hub.hub().embeddedMail().imapPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private String[] pbx(String transport, String mailbox, String localIp) {
        return new String[] {"-m", "1", "-t", transport, "-i", localIp, "-p", Integer.toString(Sipp.freePort()),
            "-s", mailbox, "127.0.0.1:" + hub.sipPort()};
    }

    private List<MimeMessage> voicemailMails(String user, String password) {
        try {
            return mail.inbox(user, password).stream()
                    .filter(m -> InProcessHub.subjectOf(m).contains("voicemail")).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    @Test
    @Order(1)
    void aChanSipNotifyTellsTheOwnerWithTheRecordingsAttached() throws Exception {
        assertEquals(0, Sipp.run("vm-chansip", "notify_chansip.xml", pbx("u1", "1001", "127.0.0.1")));

        MimeMessage m = InProcessHub.awaitMail(mail, HELPDESK, "helpdesk",
                x -> InProcessHub.subjectOf(x).equals("2 new voicemails in mailbox 1001 (8 old)"));
        Multipart parts = (Multipart) m.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        assertTrue(text.contains("Budi Santoso <081234502>") && text.contains("0:07"), text);
        assertEquals(3, parts.getCount(), "the text and the two newest recordings");
        BodyPart newest = parts.getBodyPart(1);
        assertEquals("voicemail-1001-msg0002.wav", newest.getFileName());
        assertArrayEquals(wav, newest.getInputStream().readAllBytes());
    }

    @Test
    @Order(2)
    void theSameCountsAgainTellNobodyARiseDoes() throws Exception {
        assertEquals(0, Sipp.run("vm-chansip-again", "notify_chansip.xml", pbx("u1", "1001", "127.0.0.1")));
        // PJSIP style over TCP: 3 new (1 urgent), a rise
        assertEquals(0, Sipp.run("vm-pjsip", "notify_pjsip.xml", pbx("t1", "1001", "127.0.0.1")));

        await().atMost(WAIT).until(() -> voicemailMails(HELPDESK, "helpdesk").size() >= 2);
        List<MimeMessage> mails = voicemailMails(HELPDESK, "helpdesk");
        assertEquals(2, mails.size(), "the repeated NOTIFY told nobody: "
                + mails.stream().map(InProcessHub::subjectOf).toList());
        assertTrue(InProcessHub.subjectOf(mails.get(1)).startsWith("3 new voicemails (1 urgent) in mailbox 1001"),
                InProcessHub.subjectOf(mails.get(1)));
        List<Map<String, Object>> stored = hub.query("SELECT notified FROM voicemail_notify WHERE mailbox = '1001'"
                + " ORDER BY id");
        assertEquals(List.of(true, false, true), stored.stream().map(r -> r.get("notified")).toList());
    }

    @Test
    @Order(3)
    void anOwnerWithANumberAlsoGetsAnSms() throws Exception {
        assertEquals(0, Sipp.run("vm-1002", "notify_chansip.xml", pbx("u1", "1002", "127.0.0.1")));
        InProcessHub.awaitMail(mail, "staff@switchboard.local", "staff",
                x -> InProcessHub.subjectOf(x).startsWith("2 new voicemails in mailbox 1002"));
        await().atMost(WAIT).until(() -> hub.delivered().stream().anyMatch(d -> d.to().equals("+6281300001002")
                && d.text().startsWith("2 new voicemails in mailbox 1002 (8 old)")));
    }

    @Test
    @Order(4)
    void strangersOtherEventsAndMalformedBodiesAreRefusedAndJournalled() throws Exception {
        assertEquals(0, Sipp.run("vm-stranger", "notify_forbidden.xml", pbx("u1", "1001", "127.0.0.2")));
        assertEquals(0, Sipp.run("vm-presence", "notify_presence.xml", pbx("u1", "1001", "127.0.0.1")));
        assertEquals(0, Sipp.run("vm-malformed", "notify_malformed.xml", pbx("u1", "1001", "127.0.0.1")));

        await().atMost(WAIT).until(() -> hub.journal("voicemail_notify").stream()
                .filter(r -> r.get("hop").equals("notify-rejected")).count() == 3);
        List<String> rejected = hub.journal("voicemail_notify").stream()
                .filter(r -> r.get("hop").equals("notify-rejected")).map(r -> String.valueOf(r.get("detail"))).toList();
        assertTrue(rejected.get(0).startsWith("403 to 127.0.0.2:"), rejected.toString());
        assertTrue(rejected.get(1).startsWith("489 to 127.0.0.1:"), rejected.toString());
        assertTrue(rejected.get(2).startsWith("400 to 127.0.0.1:"), rejected.toString());
        assertEquals(4, hub.journal("voicemail_notify").stream().filter(r -> r.get("hop").equals("notify-stored")).count());
        assertEquals(2, voicemailMails(HELPDESK, "helpdesk").size(), "no mail from a refused NOTIFY");
    }

    @Test
    @Order(5)
    void asterisksOwnVoicemailEmailIsForwardedOnce() throws Exception {
        byte[] eml;
        try (var in = org.switchboard.voicemail.VoicemailStore.class.getResourceAsStream("/voicemail/asterisk-voicemail.eml")) {
            eml = in.readAllBytes();
        }
        for (int i = 0; i < 2; i++) { // the PBX sends it twice (a retry): one forward
            MimeMessage m = new MimeMessage(mail.session(), new java.io.ByteArrayInputStream(eml)) {
                @Override
                protected void updateMessageID() {
                    // keep Asterisk's Message-ID
                }
            };
            m.setRecipients(jakarta.mail.Message.RecipientType.TO, "voicemail@switchboard.local");
            mail.send(m);
        }
        MimeMessage forward = InProcessHub.awaitMail(mail, HELPDESK, "helpdesk",
                x -> InProcessHub.subjectOf(x).startsWith("Voicemail from John"));
        assertTrue(InProcessHub.subjectOf(forward).contains("0:05") && InProcessHub.subjectOf(forward).contains("1001"),
                InProcessHub.subjectOf(forward));
        await().atMost(WAIT).until(() -> hub.journal("voicemail_email").stream()
                .filter(r -> r.get("hop").equals("voicemail-email-received")).count() == 2);
        assertEquals(1, hub.journal("voicemail_email").stream().filter(r -> r.get("hop").equals("voicemail-forwarded"))
                .count(), "forwarded once");
        assertEquals(1, mail.inbox(HELPDESK, "helpdesk").stream()
                .filter(x -> InProcessHub.subjectOf(x).startsWith("Voicemail from John")).count());
    }
}
