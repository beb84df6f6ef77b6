package org.switchboard.hub.emailtosms;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.channel.Channels;
import org.switchboard.channel.FakeChannel;
import org.switchboard.deadletter.DeadLetters;
import org.switchboard.deadletter.RepeatedFailures;
import org.switchboard.hub.TestMail;
import org.switchboard.hub.TestRows;
import org.switchboard.hub.mail.MailDeadLetters;
import org.switchboard.hub.mail.MailEndpoints;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.mail.Bounces;
import org.switchboard.mail.ReplyParse;
import org.switchboard.mail.SenderPolicy;
import org.switchboard.mail.StaffAllowList;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.MessageStore;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link EmailToSmsRoute} reading the hub's mailbox on GreenMail over IMAP, on a real PostgreSQL: a staff mail to a
 * number or in an SMS thread becomes one outbound SMS, a stranger's mail is bounced and an automatic one left
 * unanswered, broadcast requests and preview answers go to their routes, and a mail that fails for a database outage
 * stays unseen and is read again until it is stored.
 */
class EmailToSmsRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CUSTOMER = "+6281234567890";
    private static final String TO_CUSTOMER = "sms+6281234567890@sms.switchboard.local";

    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private final List<Object> broadcastRequests = new CopyOnWriteArrayList<>();
    private final List<Object> previewAnswers = new CopyOnWriteArrayList<>();
    private CamelContext camel;
    private JournalWriter journal;
    private TestMail mail;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        journal = new JournalWriter(db.dataSource());
        mail = TestMail.start();
        MailEndpoints endpoints = mail.endpoints();
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        // As EmailToSmsModule builds it; the outbox's store on a database the test can take down.
        camel.addRoutes(new EmailToSmsRoute(new MessageStore(TestRows.switchable(db.dataSource(), databaseUp::get)),
                new BroadcastStore(db.dataSource()), TestMail.SETTINGS,
                new SenderPolicy(new StaffAllowList(List.of(TestMail.STAFF)), "", ""), new PhoneNumbers("ID"),
                new Channels(List.of(new FakeChannel("alpha", "alpha-1")), Map.of()), endpoints.hubMailbox(),
                endpoints.smtp(), new MailDeadLetters.Store(new RepeatedFailures(2), new DeadLetters(db.dataSource()))));
        // Stand-ins for the broadcast routes, which have tests of their own: what this route hands them.
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(BroadcastRequestRoute.ENDPOINT).process(e -> broadcastRequests.add(
                        e.getProperty(EmailToSmsRoute.BROADCAST_REQUEST)));
                from(BroadcastConfirmationRoute.ENDPOINT).process(e -> previewAnswers.add(
                        e.getProperty(EmailToSmsRoute.PREVIEW_ANSWER)));
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        journal.close();
        mail.close();
    }

    private MimeMessage staffMail(String from, String to, String messageId, String text) throws Exception {
        MimeMessage m = mail.compose();
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject("Balasan");
        m.setHeader("Message-ID", messageId);
        m.setText(text, "UTF-8");
        return m;
    }

    private List<String> outbound() {
        return TestRows.texts(db.dataSource(), "SELECT concat_ws('|', recipient, text, source, source_ref, requested_by,"
                + " status) FROM outbound_sms ORDER BY id");
    }

    /** Waits until the hub's mailbox holds {@code count} mails, each done (marked seen). */
    private void awaitDone(int count) {
        await().atMost(WAIT).until(() -> mail.stored(TestMail.HUB).size() == count && mail.allSeen(TestMail.HUB));
    }

    @Test
    void aStaffMailToANumberBecomesOneOutboundSmsAndTheMailIsDone() throws Exception {
        mail.send(staffMail(TestMail.STAFF, TO_CUSTOMER, "<new-1@staff.switchboard.local>",
                "Pendaftaran dibuka sampai 30 November."));

        await().atMost(WAIT).until(() -> !outbound().isEmpty());
        awaitDone(1);
        assertEquals(List.of(CUSTOMER + "|Pendaftaran dibuka sampai 30 November.|email-reply|"
                + "<new-1@staff.switchboard.local>|staff@switchboard.local|PENDING"), outbound());
        journal.flush();
        assertEquals(List.of("email-received: Message-ID <new-1@staff.switchboard.local> from [staff@switchboard.local]"),
                TestRows.hops(db.dataSource(), "email", 0));
        assertEquals(List.of("sms-stored: to " + CUSTOMER + " from staff@switchboard.local (Message-ID"
                + " <new-1@staff.switchboard.local>)"), TestRows.hops(db.dataSource(), "outbound_sms", 1));
    }

    @Test
    void aReplyInAnSmsThreadGoesToThatNumberWithoutTheQuotedText() throws Exception {
        new MessageStore(db.dataSource()).recordEmail(CUSTOMER, "<sms-7@sms.switchboard.local>");
        MimeMessage reply = staffMail(TestMail.STAFF, TestMail.HUB, "<reply-1@staff.switchboard.local>",
                "Baik, kami telepon besok.\n\nOn Thu, 26 Nov 2026, " + CUSTOMER + " via SMS wrote:\n> Tolong telepon\n");
        reply.setHeader("In-Reply-To", "<sms-7@sms.switchboard.local>");
        mail.send(reply);

        await().atMost(WAIT).until(() -> !outbound().isEmpty());
        assertEquals(List.of(CUSTOMER + "|Baik, kami telepon besok.|email-reply|<reply-1@staff.switchboard.local>|"
                + "staff@switchboard.local|PENDING"), outbound());
        awaitDone(1);
    }

    @Test
    void aStrangersMailIsBouncedWithTheReasonAndSendsNothing() throws Exception {
        mail.send(staffMail("stranger@example.com", TO_CUSTOMER, "<stranger-1@example.com>", "Transfer pulsa sekarang"));

        await().atMost(WAIT).until(() -> !mail.mails("stranger@example.com").isEmpty());
        awaitDone(1);
        MimeMessage bounce = mail.mails("stranger@example.com").get(0);
        assertEquals("Not sent: Balasan", bounce.getSubject());
        assertTrue(String.valueOf(bounce.getContent()).contains(Bounces.NOT_STAFF), String.valueOf(bounce.getContent()));
        assertEquals(List.of(), outbound());
        journal.flush();
        List<String> hops = TestRows.hops(db.dataSource(), "email", 0);
        assertEquals(List.of("email-received: Message-ID <stranger-1@example.com> from [stranger@example.com]",
                "email-refused: " + Bounces.NOT_STAFF + " (bounced)", "bounced: "), hops);
    }

    @Test
    void anAutomaticMailIsJournalledAndNeverAnswered() throws Exception {
        MimeMessage vacation = staffMail(TestMail.STAFF, TO_CUSTOMER, "<vacation-1@switchboard.local>",
                "I am away until Monday.");
        vacation.setHeader("Auto-Submitted", "auto-replied");
        mail.send(vacation);

        awaitDone(1);
        journal.flush();
        assertEquals(List.of("email-received: Message-ID <vacation-1@switchboard.local> from [staff@switchboard.local]",
                "email-refused: Auto-Submitted: auto-replied (automatic mail, not answered)"),
                TestRows.hops(db.dataSource(), "email", 0));
        // No two robots answering each other: nothing went back to the sender.
        assertEquals(List.of(), mail.mails(TestMail.STAFF));
        assertEquals(List.of(), outbound());
    }

    @Test
    void broadcastRequestsAndAnswersToAPreviewGoToTheirRoutes() throws Exception {
        TestRows.update(db.dataSource(), "INSERT INTO broadcast (requested_by, source, filter, template, status,"
                + " preview_message_id) VALUES (?, 'email', '{}', 'Halo', 'AWAITING_CONFIRMATION', ?)",
                TestMail.STAFF, "<broadcast-1-preview@sms.switchboard.local>");
        mail.send(staffMail(TestMail.STAFF, "kelas12@broadcast.switchboard.local", "<bc-1@staff.switchboard.local>",
                "Ujian dimulai Senin pukul 08.00."));
        MimeMessage yes = staffMail(TestMail.STAFF, TestMail.HUB, "<yes-1@staff.switchboard.local>", "YES");
        yes.setHeader("In-Reply-To", "<broadcast-1-preview@sms.switchboard.local>");
        mail.send(yes);

        awaitDone(2);
        assertEquals(1, broadcastRequests.size(), broadcastRequests::toString);
        ReplyParse.BroadcastRequest request = assertInstanceOf(ReplyParse.BroadcastRequest.class,
                broadcastRequests.get(0));
        assertEquals("kelas12", request.segment());
        assertEquals("Ujian dimulai Senin pukul 08.00.", request.template());
        assertEquals(1, previewAnswers.size(), previewAnswers::toString);
        EmailToSmsRoute.PreviewAnswer answer = (EmailToSmsRoute.PreviewAnswer) previewAnswers.get(0);
        assertEquals(1, answer.broadcast().id());
        assertEquals("YES", answer.reply().text());
        assertEquals(List.of(), outbound(), "neither is a single SMS");
    }

    @Test
    void aMailThatFailsForADatabaseOutageStaysUnseenAndIsStoredOnceWhenTheDatabaseIsBack() throws Exception {
        databaseUp.set(false);
        mail.send(staffMail(TestMail.STAFF, TO_CUSTOMER, "<new-2@staff.switchboard.local>", "Besok libur."));

        // Read and failed, more than once: an outage is nobody's fault, so the mail is not set aside.
        await().atMost(WAIT).until(() -> {
            journal.flush();
            return TestRows.count(db.dataSource(), "SELECT count(*) FROM journal WHERE hop = 'sms-stored'"
                    + " AND error LIKE '%database is down%'") >= 2;
        });
        assertFalse(mail.allSeen(TestMail.HUB), "left unseen, to be read again");
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM dead_letter"));
        assertEquals(List.of(), mail.mails("staff@switchboard.local"), "not bounced");

        databaseUp.set(true);
        awaitDone(1);
        assertEquals(List.of(CUSTOMER + "|Besok libur.|email-reply|<new-2@staff.switchboard.local>|"
                + "staff@switchboard.local|PENDING"), outbound());
    }
}
