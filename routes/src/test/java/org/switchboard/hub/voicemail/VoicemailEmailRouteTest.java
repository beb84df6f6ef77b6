package org.switchboard.hub.voicemail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.deadletter.DeadLetters;
import org.switchboard.deadletter.RepeatedFailures;
import org.switchboard.hub.TestMail;
import org.switchboard.hub.TestRows;
import org.switchboard.hub.embedded.EmbeddedMail;
import org.switchboard.hub.mail.MailDeadLetters;
import org.switchboard.hub.mail.MailEndpoints;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.voicemail.MailboxOwners;
import org.switchboard.voicemail.VoicemailStore;

/**
 * {@link VoicemailEmailRoute} reading Asterisk's voicemail mailbox on GreenMail over IMAP, on a real PostgreSQL: an
 * Asterisk voicemail email is forwarded to the mailbox's owner once however often it arrives, other mail is journalled
 * and left alone, and while SMTP is down the email stays unseen and is forwarded when SMTP is back.
 */
class VoicemailEmailRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ASTERISK_ID = "<Asterisk-1-1820457733-1001-2261@pbx>";
    private static final String FORWARD_SUBJECT = "Voicemail from John <1234>, 0:05, mailbox 1001";

    private CamelContext camel;
    private JournalWriter journal;
    private TestMail mail;
    private TestMail smtpBack;

    @BeforeEach
    void start() {
        TestRows.emptyAll(db.dataSource());
        journal = new JournalWriter(db.dataSource());
        mail = TestMail.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        journal.close();
        mail.close();
        if (smtpBack != null) {
            smtpBack.close();
        }
    }

    /** As VoicemailModule builds it for the embedded voicemail mailbox, forwarding through {@code endpoints}' SMTP. */
    private void run(MailEndpoints endpoints) throws Exception {
        MailboxOwners owners = new MailboxOwners(MailboxOwners.fromSettings(Map.of(MailboxOwners.SETTINGS_PREFIX
                + "1001", TestMail.HELPDESK)), db.dataSource());
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        camel.addRoutes(new VoicemailEmailRoute(endpoints.imap(TestMail.VOICEMAIL, EmbeddedMail.VOICEMAIL_PASSWORD,
                "INBOX"), endpoints.smtp(), new VoicemailStore(db.dataSource()), owners, TestMail.SETTINGS,
                "imap " + TestMail.VOICEMAIL, new MailDeadLetters.Store(new RepeatedFailures(2),
                new DeadLetters(db.dataSource()))));
        camel.start();
    }

    /** Asterisk's voicemail email (app_voicemail's default template, the recording attached), with its Message-ID. */
    private void asteriskSends() throws Exception {
        try (InputStream in = VoicemailStore.class.getResourceAsStream("/voicemail/asterisk-voicemail.eml")) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in) {
                @Override
                protected void updateMessageID() {
                    // keeps Asterisk's
                }
            };
            mail.send(m);
        }
    }

    private List<String> hops() {
        journal.flush();
        return TestRows.hops(db.dataSource(), "voicemail_email", 0);
    }

    private List<String> forwards() {
        return TestRows.texts(db.dataSource(), "SELECT concat_ws('|', message_id, mailbox, caller) FROM voicemail_forward");
    }

    /** Waits until the voicemail mailbox holds {@code count} mails, each done (marked seen). */
    private void awaitDone(int count) {
        await().atMost(WAIT).until(() -> mail.stored(TestMail.VOICEMAIL).size() == count
                && mail.allSeen(TestMail.VOICEMAIL));
    }

    @Test
    void asterisksVoicemailEmailIsForwardedToTheOwnerOnceThoughItArrivesTwice() throws Exception {
        run(mail.endpoints());
        asteriskSends();
        asteriskSends(); // the PBX's retry

        awaitDone(2);
        List<MimeMessage> forwarded = mail.mails(TestMail.HELPDESK);
        assertEquals(List.of(FORWARD_SUBJECT), forwarded.stream().map(TestMail::subject).toList());
        Multipart parts = (Multipart) forwarded.get(0).getContent();
        assertTrue(parts.getBodyPart(1).isMimeType("audio/*"), parts.getBodyPart(1).getContentType());
        assertEquals(List.of(ASTERISK_ID + "|1001|John <1234>"), forwards());
        List<String> hops = hops();
        assertEquals(List.of("voicemail-email-received: " + ASTERISK_ID + ": mailbox 1001, from John <1234>, 0:05, to "
                        + TestMail.HELPDESK, "voicemail-forwarded: ",
                "voicemail-email-received: " + ASTERISK_ID + " for mailbox 1001 forwarded before"), hops);
    }

    @Test
    void otherMailInTheMailboxIsJournalledAndLeftAlone() throws Exception {
        run(mail.endpoints());
        MimeMessage newsletter = mail.compose();
        newsletter.setFrom(new InternetAddress("news@example.com"));
        newsletter.setRecipients(Message.RecipientType.TO, TestMail.VOICEMAIL);
        newsletter.setSubject("Promo akhir tahun");
        newsletter.setText("Diskon 50% untuk semua paket.", "UTF-8");
        mail.send(newsletter);

        awaitDone(1);
        assertEquals(List.of(), mail.mails(TestMail.HELPDESK));
        assertEquals(List.of(), forwards());
        assertEquals(List.of("voicemail-email-received: not an Asterisk voicemail email, left alone: not an Asterisk"
                + " voicemail email: neither the subject nor the text is app_voicemail's"), hops());
    }

    @Test
    void whileSmtpIsDownTheEmailStaysUnseenAndIsForwardedOnceWhenSmtpIsBack() throws Exception {
        int smtpPort = TestMail.deadPort();
        run(mail.endpoints(smtpPort));
        asteriskSends();

        // Read, not forwarded, read again at the next poll: an outage sets nothing aside.
        await().atMost(WAIT).until(() -> hops().stream().filter(h -> h.startsWith("voicemail-forwarded: failed: "))
                .count() >= 2);
        assertFalse(mail.allSeen(TestMail.VOICEMAIL), "left unseen");
        assertEquals(List.of(), forwards(), "no forward recorded before the mail server took it");
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM dead_letter"));

        smtpBack = TestMail.start(smtpPort);
        awaitDone(1);
        assertEquals(List.of(FORWARD_SUBJECT), smtpBack.mails(TestMail.HELPDESK).stream().map(TestMail::subject)
                .toList());
        assertEquals(List.of(ASTERISK_ID + "|1001|John <1234>"), forwards());
    }
}
