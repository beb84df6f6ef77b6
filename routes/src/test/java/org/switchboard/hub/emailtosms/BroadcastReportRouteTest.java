package org.switchboard.hub.emailtosms;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.EndpointProducerBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.broadcast.BroadcastPlanner;
import org.switchboard.broadcast.BroadcastReport;
import org.switchboard.broadcast.BroadcastRequest;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.broadcast.Plan;
import org.switchboard.channel.Channels;
import org.switchboard.channel.FakeChannel;
import org.switchboard.hub.TestMail;
import org.switchboard.hub.TestRows;
import org.switchboard.hub.mail.MailEndpoints;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link BroadcastReportRoute} through Camel on a real PostgreSQL and GreenMail: a broadcast is reported only once it
 * has ended, its sender gets one report with every recipient's status as CSV and the broadcast is DONE; while SMTP is
 * down it stays unreported (its CSV removed) and is reported when SMTP is back; an API user's broadcast is done
 * without a mail.
 */
class BroadcastReportRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path csvDir;
    private CamelContext camel;
    private JournalWriter journal;
    private TestMail mail;
    private long broadcast;

    @BeforeEach
    void start() {
        TestRows.emptyAll(db.dataSource());
        journal = new JournalWriter(db.dataSource());
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        journal.close();
        if (mail != null) {
            mail.close();
        }
    }

    /** As EmailToSmsModule builds it: polling every 50 ms, waiting two minutes for late status reports. */
    private void run(EndpointProducerBuilder smtp) throws Exception {
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        camel.addRoutes(new BroadcastReportRoute(new BroadcastStore(db.dataSource()), new BroadcastReport(db.dataSource()),
                TestMail.SETTINGS, smtp, 50, Duration.ofMinutes(2), csvDir, "hub"));
        camel.start();
    }

    /** A broadcast released to three contacts, as planned from a mail (or the API) by {@code requestedBy}. */
    private void released(String requestedBy) {
        for (int i = 1; i <= 3; i++) {
            TestRows.update(db.dataSource(), "INSERT INTO contact (number, name, attributes) VALUES (?, ?,"
                    + " '{\"kelas\": \"12\"}'::jsonb)", "+628110000000" + i, "Siswa " + i);
        }
        Plan plan = new BroadcastPlanner(db.dataSource(), new PhoneNumbers("ID"), new Channels(List.of(
                new FakeChannel("alpha", "alpha-1")), Map.of())).plan(new BroadcastRequest(requestedBy,
                BroadcastRequest.SOURCE_EMAIL, "<bc-1@staff.switchboard.local>", null, Map.of("kelas", "12"),
                "Ujian Senin pukul 08.00.", false));
        broadcast = ((Plan.Planned) plan).broadcastId();
    }

    /** The dispatcher's and the status reports' work: {@code number}'s SMS sent, with that delivery status. */
    private void sent(String number, String deliveryStatus) {
        TestRows.update(db.dataSource(), "UPDATE outbound_sms SET status = 'SENT', sent_at = now(), channel = 'alpha',"
                + " modem = 'alpha-1', parts = 1, delivery_status = ? WHERE recipient = ?", deliveryStatus, number);
    }

    private void failed(String number, String error) {
        TestRows.update(db.dataSource(), "UPDATE outbound_sms SET status = 'FAILED', error = ? WHERE recipient = ?",
                error, number);
    }

    private String state() {
        return TestRows.text(db.dataSource(), "SELECT status || ' ' || coalesce(report_message_id, '-') FROM broadcast"
                + " WHERE id = ?", broadcast);
    }

    private List<String> hops() {
        journal.flush();
        return TestRows.hops(db.dataSource(), "broadcast", broadcast);
    }

    private List<Path> csvFiles() throws Exception {
        try (var files = Files.list(csvDir)) {
            return files.toList();
        }
    }

    /** Lets the timer poll a few more times, so that what was not done is seen not to happen. */
    private void afterMorePolls() {
        NotifyBuilder polls = new NotifyBuilder(camel).fromRoute("broadcast-report").whenCompleted(3).create();
        assertTrue(polls.matches(WAIT.toSeconds(), TimeUnit.SECONDS), "the timer polls");
    }

    @Test
    void anEndedBroadcastIsReportedToItsSenderOnceWithEveryRecipientsStatus() throws Exception {
        mail = TestMail.start();
        released(TestMail.STAFF);
        run(mail.endpoints().smtp());
        sent("+6281100000001", "delivered");
        failed("+6281100000002", "+CMS ERROR 500");
        // Sent a moment ago and no status report yet: the broadcast has not ended.
        sent("+6281100000003", null);
        afterMorePolls();
        assertEquals(List.of(), mail.mails(TestMail.STAFF));
        assertEquals("SENDING -", state());

        sent("+6281100000003", "delivered");
        await().atMost(WAIT).until(() -> state().startsWith("DONE"));
        afterMorePolls();
        List<MimeMessage> reports = mail.mails(TestMail.STAFF);
        assertEquals(1, reports.size(), "one report");
        MimeMessage report = reports.get(0);
        assertEquals("<broadcast-1-report@sms.switchboard.local>", report.getMessageID());
        assertEquals("DONE <broadcast-1-report@sms.switchboard.local>", state());
        assertEquals("Broadcast #1 report: 2 sent, 2 delivered, 1 failed", report.getSubject());
        BodyPart csv = ((Multipart) report.getContent()).getBodyPart(1);
        assertEquals("broadcast-1.csv", csv.getFileName());
        String rows = new String(csv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        for (String number : List.of("+6281100000001", "+6281100000002", "+6281100000003")) {
            assertTrue(rows.contains(number), rows);
        }
        assertTrue(rows.contains("+CMS ERROR 500"), rows);
        assertEquals(List.of("report-sent: report to staff@switchboard.local: 2 sent, 2 delivered, 1 failed,"
                + " 0 possible duplicate(s)"), hops());
        assertEquals(List.of(), csvFiles(), "the CSV went with the mail");
    }

    @Test
    void whileSmtpIsDownTheBroadcastStaysUnreportedThenIsReportedWhenSmtpIsBack() throws Exception {
        int smtpPort = TestMail.deadPort();
        released(TestMail.STAFF);
        run(new MailEndpoints(TestMail.config(), smtpPort, 0).smtp());
        for (int i = 1; i <= 3; i++) {
            sent("+628110000000" + i, "delivered");
        }

        await().atMost(WAIT).until(() -> hops().stream().filter(h -> h.startsWith("report-sent: failed: ")).count() >= 2);
        // The timer keeps trying every 50 ms: stopped (its attempt under way finished), no attempt holds a CSV.
        camel.getRouteController().stopRoute("broadcast-report");
        assertEquals("SENDING -", state(), "not DONE before a report went out");
        assertEquals(List.of(), csvFiles(), "no CSV left behind by the failed attempts");

        mail = TestMail.start(smtpPort);
        camel.getRouteController().startRoute("broadcast-report");
        await().atMost(WAIT).until(() -> state().startsWith("DONE"));
        assertEquals(List.of("Broadcast #1 report: 3 sent, 3 delivered, 0 failed"),
                mail.mails(TestMail.STAFF).stream().map(TestMail::subject).toList());
        List<String> hops = hops();
        assertEquals("report-sent: report to staff@switchboard.local: 3 sent, 3 delivered, 0 failed,"
                + " 0 possible duplicate(s)", hops.get(hops.size() - 1));
    }

    @Test
    void aBroadcastAnApiUserAskedForIsDoneWithoutAMail() throws Exception {
        mail = TestMail.start();
        released("admin");
        run(mail.endpoints().smtp());
        sent("+6281100000001", "delivered");
        sent("+6281100000002", "failed");
        failed("+6281100000003", "+CMS ERROR 38");

        await().atMost(WAIT).until(() -> state().startsWith("DONE"));
        assertEquals("DONE -", state());
        assertEquals(List.of(), mail.mails(TestMail.STAFF));
        assertEquals(List.of("report-sent: no report email: requested by API user admin; 2 sent, 1 delivered,"
                + " 1 failed, 0 possible duplicate(s)"), hops());
    }
}
