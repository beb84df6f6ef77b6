package org.switchboard.hub.smstoemail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.hub.TestMail;
import org.switchboard.hub.TestRows;
import org.switchboard.hub.mail.SmtpSender;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.mail.SmsEmail;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewInbound;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/**
 * {@link EmailOutboxRoute} through Camel with a real PostgreSQL and GreenMail: each stored SMS reaches the help desk's
 * mailbox once, in its number's thread, marked e-mailed with its fixed Message-ID; while SMTP is down the SMS waits in
 * the database, is tried again after a pause, and goes out once when SMTP is back.
 */
class EmailOutboxRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CUSTOMER = "+6281234567890";

    private final OffsetDateTime now = OffsetDateTime.now();
    private CamelContext camel;
    private JournalWriter journal;
    private MessageStore store;
    private TestMail mail;
    private SmtpSender smtp;

    @BeforeEach
    void start() {
        TestDatabases.truncateAll(db.dataSource());
        store = new MessageStore(db.dataSource());
        journal = new JournalWriter(db.dataSource());
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

    /** The route as SmsToEmailModule builds it, sending to {@code smtpPort}, polling every 50 ms. */
    private void run(int smtpPort) throws Exception {
        smtp = TestMail.sender(smtpPort, 2);
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        camel.addRoutes(new EmailOutboxRoute(store, TestMail.SETTINGS, smtp, "127.0.0.1:" + smtpPort,
                smtp.connections(), 50, 200, "hub", null));
        camel.start();
    }

    private long received(String from, String text, int minutesAgo) {
        return store.storeInbound(new NewInbound("alpha", "alpha-1", from, text, 1, false,
                now.minusMinutes(minutesAgo))).id();
    }

    private String emailState(long id) {
        return TestRows.text(db.dataSource(), "SELECT email_status || ' ' || coalesce(email_message_id, '-')"
                + " FROM inbound_sms WHERE id = ?", id);
    }

    private void awaitEmailed(long id) {
        await().atMost(WAIT).until(() -> emailState(id).startsWith("SENT"));
    }

    private MimeMessage helpdeskMailOf(long id) throws Exception {
        for (MimeMessage m : mail.mails(TestMail.HELPDESK)) {
            if (String.valueOf(id).equals(m.getHeader(SmsEmail.SMS_ID_HEADER, null))) {
                return m;
            }
        }
        throw new AssertionError("no help-desk mail for in-" + id);
    }

    @Test
    void eachStoredSmsReachesTheHelpDeskOnceInItsNumbersThread() throws Exception {
        mail = TestMail.start();
        run(mail.smtpPort());
        long first = received(CUSTOMER, "Halo, saya mau tanya soal pendaftaran", 5);
        long bank = received("BNI", "Kode OTP Anda 123456", 4);
        awaitEmailed(first);
        awaitEmailed(bank);
        long second = received(CUSTOMER, "Dan biayanya berapa?", 1);
        awaitEmailed(second);

        assertEquals(3, mail.mails(TestMail.HELPDESK).size(), "one mail per SMS");
        MimeMessage opening = helpdeskMailOf(first);
        assertEquals("<sms-1@sms.switchboard.local>", opening.getMessageID());
        assertEquals("SMS from " + CUSTOMER, opening.getSubject());
        assertTrue(String.valueOf(opening.getContent()).contains("Halo, saya mau tanya soal pendaftaran"));
        assertEquals("SENT <sms-1@sms.switchboard.local>", emailState(first));
        // The second SMS of the number answers the first in the help desk's mail program.
        MimeMessage followUp = helpdeskMailOf(second);
        assertEquals("<sms-1@sms.switchboard.local>", followUp.getHeader("In-Reply-To", null));
        assertEquals("<sms-1@sms.switchboard.local>|<sms-3@sms.switchboard.local>", TestRows.text(db.dataSource(),
                "SELECT root_message_id || '|' || last_message_id FROM conversation WHERE number = ?", CUSTOMER));
        // A bank's name cannot be answered: mailed, but no thread.
        assertEquals("SENT <sms-2@sms.switchboard.local>", emailState(bank));
        assertEquals(1, TestRows.count(db.dataSource(), "SELECT count(*) FROM conversation"));

        journal.flush();
        assertEquals(List.of("email-rendered: to helpdesk@switchboard.local, Message-ID <sms-1@sms.switchboard.local>",
                "handed-to-smtp: SMTP 127.0.0.1:" + mail.smtpPort() + " accepted Message-ID <sms-1@sms.switchboard.local>"),
                TestRows.hops(db.dataSource(), "inbound_sms", first));
    }

    @Test
    void whileSmtpIsDownTheSmsWaitsAndIsTriedAgainThenGoesOutOnceWhenSmtpIsBack() throws Exception {
        int smtpPort = TestMail.deadPort();
        run(smtpPort);
        long id = received(CUSTOMER, "Tolong telepon saya", 1);

        // Tried, failed, paused, tried again: still PENDING, never marked e-mailed.
        await().atMost(WAIT).until(() -> TestRows.count(db.dataSource(),
                "SELECT email_attempts FROM inbound_sms WHERE id = ?", id) >= 2);
        assertEquals("PENDING -", emailState(id));
        String error = TestRows.text(db.dataSource(), "SELECT email_error FROM inbound_sms WHERE id = ?", id);
        assertTrue(error != null && !error.isBlank(), "the reason is kept: " + error);
        assertNull(TestRows.text(db.dataSource(), "SELECT 1 FROM inbound_sms WHERE id = ? AND email_next_attempt_at"
                + " IS NULL", id), "a next attempt is scheduled");

        mail = TestMail.start(smtpPort);
        awaitEmailed(id);
        assertEquals(List.of("<sms-1@sms.switchboard.local>"), mail.mails(TestMail.HELPDESK).stream()
                .map(TestMail::messageId).toList(), "sent once, with the Message-ID it always had");
        assertNull(TestRows.text(db.dataSource(), "SELECT email_error FROM inbound_sms WHERE id = ?", id));

        journal.flush();
        List<String> hops = TestRows.hops(db.dataSource(), "inbound_sms", id);
        assertTrue(hops.get(1).startsWith("handed-to-smtp: failed: "), hops::toString);
        assertTrue(hops.get(hops.size() - 1).startsWith("handed-to-smtp: SMTP 127.0.0.1:" + smtpPort + " accepted"),
                hops::toString);
        assertEquals(1, hops.stream().filter(h -> h.contains("accepted")).count(), hops::toString);
    }
}
