package org.switchboard.hub.voicemail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.hub.TestMail;
import org.switchboard.hub.TestRows;
import org.switchboard.hub.mail.SmtpSender;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.store.MessageStore;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.voicemail.Decision;
import org.switchboard.voicemail.MailboxOwners;
import org.switchboard.voicemail.VoicemailCounts;
import org.switchboard.voicemail.VoicemailOutbox;
import org.switchboard.voicemail.VoicemailSpool;
import org.switchboard.voicemail.VoicemailStore;

/**
 * {@link VoicemailNotificationRoute} through Camel on a real PostgreSQL and GreenMail, with a voicemail spool written
 * as Asterisk writes it: the owner gets an email with the new recordings attached and an SMS, the notification is
 * marked sent; a mailbox nobody owns is given up and journalled; while SMTP is down the notification waits and is
 * tried again, its SMS stored once, and it goes out when SMTP is back.
 */
class VoicemailNotificationRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OWNER_SMS = "+6281100000001";

    @TempDir
    Path spool;
    private CamelContext camel;
    private JournalWriter journal;
    private TestMail mail;
    private SmtpSender smtp;
    private VoicemailStore voicemail;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        journal = new JournalWriter(db.dataSource());
        voicemail = new VoicemailStore(db.dataSource());
        // Two messages not yet listened to in mailbox 1001, the newest with the higher number.
        recording(0, "\"Ani\" <081200000001>", 1795690000L, new byte[] {1, 2, 3});
        recording(1, "\"Budi\" <081200000002>", 1795690477L, new byte[] {4, 5, 6, 7});
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (smtp != null) {
            smtp.close();
        }
        journal.close();
        if (mail != null) {
            mail.close();
        }
    }

    /** As VoicemailModule builds it, sending to {@code smtpPort}, polling every 50 ms, pausing 1 s after a failure. */
    private void run(int smtpPort) throws Exception {
        smtp = TestMail.sender(smtpPort, 2);
        MailboxOwners owners = new MailboxOwners(MailboxOwners.fromSettings(Map.of(MailboxOwners.SETTINGS_PREFIX
                + "1001", TestMail.HELPDESK + ", " + OWNER_SMS)), db.dataSource());
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        camel.addRoutes(new VoicemailNotificationRoute(new VoicemailOutbox(db.dataSource()), owners,
                new VoicemailSpool(spool, "default"), new MessageStore(db.dataSource()), TestMail.SETTINGS, smtp,
                smtp.connections(), 50, 1000, "hub"));
        camel.start();
    }

    /** A msgNNNN.txt and its recording as app_voicemail writes them. */
    private void recording(int n, String callerId, long origtime, byte[] wav) throws Exception {
        Path inbox = Files.createDirectories(spool.resolve("default/1001/INBOX"));
        String base = String.format("msg%04d", n);
        Files.writeString(inbox.resolve(base + ".txt"), "[message]\norigmailbox=1001\ncontext=from-internal\n"
                + "callerid=" + callerId + "\norigtime=" + origtime + "\nmsg_id=" + origtime + "-0000000" + n
                + "\nflag=\nduration=7\n", StandardCharsets.UTF_8);
        Files.write(inbox.resolve(base + ".wav"), wav);
    }

    private String notification(long id) {
        return TestRows.text(db.dataSource(), "SELECT status || ' ' || attempts FROM voicemail_notification"
                + " WHERE id = ?", id);
    }

    private List<String> sms() {
        return TestRows.texts(db.dataSource(), "SELECT concat_ws('|', recipient, text, source, source_ref)"
                + " FROM outbound_sms ORDER BY id");
    }

    private List<String> hops(Decision d) {
        journal.flush();
        return TestRows.hops(db.dataSource(), "voicemail_notification", d.notifyId());
    }

    @Test
    void theOwnerGetsAnEmailWithTheNewRecordingsAndAnSms() throws Exception {
        mail = TestMail.start();
        run(mail.smtpPort());
        Decision d = voicemail.record("1001", new VoicemailCounts(2, 8, 0, 0), "127.0.0.1:5062");

        await().atMost(WAIT).until(() -> notification(1).startsWith("SENT"));
        List<MimeMessage> mails = mail.mails(TestMail.HELPDESK);
        assertEquals(1, mails.size());
        assertEquals("2 new voicemails in mailbox 1001 (8 old)", mails.get(0).getSubject());
        Multipart parts = (Multipart) mails.get(0).getContent();
        List<String> names = new ArrayList<>();
        for (int i = 1; i < parts.getCount(); i++) {
            names.add(parts.getBodyPart(i).getFileName());
        }
        assertEquals(List.of("voicemail-1001-msg0001.wav", "voicemail-1001-msg0000.wav"), names, "newest first");
        BodyPart newest = parts.getBodyPart(1);
        assertArrayEquals(new byte[] {4, 5, 6, 7}, newest.getInputStream().readAllBytes());
        // Its source_ref is the email's Message-ID: one SMS per notification, however often the email is tried.
        assertEquals(List.of(OWNER_SMS + "|2 new voicemails in mailbox 1001 (8 old), latest from Budi <081200000002>"
                + "|voicemail|" + mails.get(0).getMessageID()), sms());
        assertEquals(List.of("owner-notified: 2 new voicemails in mailbox 1001 (8 old) to " + TestMail.HELPDESK
                + ", 2 recording(s) attached, SMS to " + OWNER_SMS), hops(d));
    }

    @Test
    void aMailboxNobodyOwnsIsGivenUpAndJournalled() throws Exception {
        mail = TestMail.start();
        run(mail.smtpPort());
        Decision d = voicemail.record("2002", new VoicemailCounts(1, 0, 0, 0), "127.0.0.1:5062");

        await().atMost(WAIT).until(() -> notification(1).startsWith("FAILED"));
        String why = "no owner with an email address for mailbox 2002 (switchboard.voicemail.mailbox.2002 or a"
                + " contact's voicemail_mailbox)";
        assertEquals(why, TestRows.text(db.dataSource(), "SELECT error FROM voicemail_notification WHERE id = 1"));
        assertEquals(List.of("no-owner: " + why), hops(d));
        assertEquals(List.of(), mail.mails(TestMail.HELPDESK));
        assertEquals(List.of(), sms());
    }

    @Test
    void whileSmtpIsDownTheNotificationWaitsAndIsTriedAgainThenGoesOutWithOneSms() throws Exception {
        int smtpPort = TestMail.deadPort();
        run(smtpPort);
        Decision d = voicemail.record("1001", new VoicemailCounts(2, 8, 0, 0), "127.0.0.1:5062");

        await().atMost(WAIT).until(() -> notification(1).matches("PENDING [2-9]"));
        assertTrue(TestRows.text(db.dataSource(), "SELECT error FROM voicemail_notification WHERE id = 1") != null);
        assertEquals(1, sms().size(), "the SMS is stored once, not at every attempt");

        mail = TestMail.start(smtpPort);
        await().atMost(WAIT).until(() -> notification(1).startsWith("SENT"));
        assertEquals(List.of("2 new voicemails in mailbox 1001 (8 old)"), mail.mails(TestMail.HELPDESK).stream()
                .map(TestMail::subject).toList());
        assertEquals(1, sms().size());
        List<String> hops = hops(d);
        assertTrue(hops.get(0).startsWith("owner-notified: failed: "), hops::toString);
        assertTrue(hops.get(1).startsWith("notification-retry"), hops::toString);
        assertTrue(hops.get(hops.size() - 1).startsWith("owner-notified: 2 new voicemails"), hops::toString);
    }
}
