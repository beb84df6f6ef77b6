package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.mail.SmsEmail;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * The hub killed with SIGKILL (a power cut, the OOM killer) while SMS are between the modem and the help desk's
 * mailbox: after a restart every SMS is emailed exactly once, and at no moment is an SMS neither on its SIM nor in
 * the database. The hub runs as its own process from the packaged jar; the test owns PostgreSQL's database, the mail
 * server and the simulated modems, so they outlive the kill as the real ones would.
 */
class HubCrashRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HELPDESK = "helpdesk@switchboard.local";

    @TempDir
    Path dir;
    private TestDatabase db;
    private GreenMail greenMail;
    private SimNetwork sim;
    private HubProcess hub;
    private Ledger ledger;

    @RegisterExtension
    final TestExecutionExceptionHandler printHubLog = (context, failure) -> {
        if (hub != null) {
            System.out.println("----- the hub's output (" + context.getDisplayName() + ") -----\n" + hub.log());
        }
        throw failure;
    };

    @BeforeEach
    void start() throws Exception {
        HubProcess.jar(); // a missing jar fails here, with how to build it
        db = TestDatabases.create();
        greenMail = OwnMailServer.start();
        hub = new HubProcess(dir);
    }

    @AfterEach
    void stop() throws Exception {
        // The hub first: it must not see its parts vanish and log noise into the next test's output.
        if (hub != null) {
            hub.close();
        }
        if (ledger != null) {
            ledger.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void killedBeforeEmailingItSendsEachSmsOnceAfterTheRestart() throws Exception {
        sim = SimNetwork.start(SimOptions.ephemeral(1));
        ledger = new Ledger();
        hub.start(settings(deadPort()));
        await().atMost(WAIT).until(() -> hub.alive() && sim.modem(1).hostConnected());

        int count = 5;
        for (int i = 1; i <= count; i++) {
            ledger.inject(sim.modem(1), "+62812345600" + (i % 2), "Tes sebelum crash nomor " + i);
        }
        // Stored, deleted from the SIM, and each e-mail attempt refused by the dead SMTP port, journalled.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            stillSound();
            return sim.modem(1).storedCount() == 0 && count("select count(*) from inbound_sms") == count
                    && count("select count(distinct message_id) from journal where hop = 'handed-to-smtp'"
                            + " and error is not null") == count;
        });
        assertEquals(0, greenMail.getReceivedMessages().length, "nothing reached a mailbox before the kill");
        assertEquals(count, count("select count(*) from inbound_sms where email_status = 'PENDING'"));

        assertEquals(137, hub.kill9(), "ended by SIGKILL (128 + 9), not by a shutdown");

        hub.start(settings(greenMail.getSmtp().getPort()));
        Map<Long, Integer> mails = awaitEmails(count);
        List<Long> ids = ids();
        assertEquals(count, ids.size());
        for (long id : ids) {
            assertEquals(1, mails.getOrDefault(id, 0), "e-mails for in-" + id + ": " + mails);
            List<String> hops = hops(id);
            assertEquals(1, hops.stream().filter(h -> h.equals("stored")).count(), "in-" + id + ": " + hops);
            int success = hops.indexOf("handed-to-smtp");
            assertTrue(success > 0 && hops.subList(0, success).contains("handed-to-smtp FAILED"),
                    "refused attempts, then the one that SMTP took, for in-" + id + ": " + hops);
            assertEquals(success, hops.lastIndexOf("handed-to-smtp"), "handed to SMTP once: " + hops);
        }
        assertTrue(ledger.samples() > 10, "the ledger sampled: " + ledger.samples());
        ledger.assertNothingLostOrDuplicated();
    }

    @Test
    void killedWhileReadingTheSimsLosesNothingAndDuplicatesNothing() throws Exception {
        sim = SimNetwork.start(SimOptions.ephemeral(2));
        ledger = new Ledger();
        // SMTP stays down until the restart: an e-mail SMTP accepted just before the kill, its row not yet marked
        // sent, would rightly go out again; this test is about the modems' side.
        hub.start(settings(deadPort()));
        await().atMost(WAIT).until(() -> hub.alive() && sim.modems().stream().allMatch(SimModem::hostConnected));

        int perModem = 15;
        for (int i = 1; i <= perModem; i++) {
            for (SimModem m : sim.modems()) {
                ledger.inject(m, "+6281299900" + String.format("%03d", i), "Modem " + m.id() + " pesan " + i);
            }
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
            stillSound();
            return count("select count(*) from inbound_sms") > 0;
        });
        assertEquals(137, hub.kill9(), "ended by SIGKILL (128 + 9), not by a shutdown");
        int storedBefore = count("select count(*) from inbound_sms");
        int onSimsBefore = ledger.onModems();
        System.out.println("HubCrashRecoveryTest: killed with " + storedBefore + " SMS stored and " + onSimsBefore
                + " still on the SIMs");

        int total = perModem * sim.modems().size();
        hub.start(settings(greenMail.getSmtp().getPort()));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            stillSound();
            return ledger.onModems() == 0 && count("select count(*) from inbound_sms") >= total;
        });
        assertEquals(total, count("select count(*) from inbound_sms"), "rows in inbound_sms");
        assertEquals(total, count("select count(distinct (modem, text)) from inbound_sms"), "every SMS stored once");
        for (SimModem m : sim.modems()) {
            for (int i = 1; i <= perModem; i++) {
                String text = "Modem " + m.id() + " pesan " + i;
                assertEquals(1, count("select count(*) from inbound_sms where modem = 'gsm" + m.id() + "' and text = '"
                        + text + "'"), text);
            }
        }
        Map<Long, Integer> mails = awaitEmails(total);
        System.out.println("HubCrashRecoveryTest: after the restart " + count("select count(*) from journal where hop"
                + " = 'stored' and detail like 'already stored%'") + " SMS were read again and recognised as stored");
        for (long id : ids()) {
            assertEquals(1, mails.getOrDefault(id, 0), "e-mails for in-" + id + ": " + mails);
        }
        assertTrue(ledger.samples() > 10, "the ledger sampled: " + ledger.samples());
        ledger.assertNothingLostOrDuplicated();
    }

    /** Fails a wait at once when the hub died by itself or an SMS was lost or duplicated. */
    private void stillSound() {
        hub.assertAlive();
        ledger.assertNothingLostOrDuplicated();
    }

    /** The child's settings: the test's database, mail server and modems; SMTP on {@code smtpPort}. */
    private Map<String, String> settings(int smtpPort) throws Exception {
        Map<String, String> s = HubProcess.settingsAgainst(dir, db, greenMail, smtpPort, sim, "&sweepInterval=500");
        s.put("switchboard.imap.poll-millis", "500");
        // Retries within a second: after the restart the SMS refused before the kill are due at once.
        s.put("switchboard.outbox.max-backoff-millis", "1000");
        return s;
    }

    /**
     * Waits until every stored SMS is marked e-mailed and the help desk's mailbox, read over IMAP, holds {@code n}
     * e-mails; then counts them by their SMS id. Once all are marked, no further e-mail can leave.
     */
    private Map<Long, Integer> awaitEmails(int n) throws Exception {
        MailboxClient client = new MailboxClient(greenMail.getSmtp().getPort(), greenMail.getImap().getPort());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            stillSound();
            return count("select count(*) from inbound_sms where email_status = 'SENT'") == n;
        });
        List<MimeMessage> inbox = await().atMost(WAIT).until(() -> client.inbox(HELPDESK, "helpdesk"),
                messages -> messages.size() >= n);
        Map<Long, Integer> perId = new TreeMap<>();
        for (MimeMessage m : inbox) {
            String[] id = m.getHeader(SmsEmail.SMS_ID_HEADER);
            assertTrue(id != null && id.length == 1, "one " + SmsEmail.SMS_ID_HEADER + " header in " + m.getSubject());
            perId.merge(Long.parseLong(id[0].trim()), 1, Integer::sum);
        }
        assertEquals(n, inbox.size(), "e-mails in the help desk's mailbox, by SMS id: " + perId);
        return perId;
    }

    private List<Long> ids() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from inbound_sms order by id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** The message's hops in order; a failed one as "HOP FAILED". */
    private List<String> hops(long id) throws SQLException {
        List<String> hops = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select hop, error from journal where message_kind = 'inbound_sms'"
                        + " and message_id = " + id + " order by at, id")) {
            while (rs.next()) {
                hops.add(rs.getString(1) + (rs.getString(2) != null ? " FAILED" : ""));
            }
        }
        return hops;
    }

    private int count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private Connection connect() throws SQLException {
        return db.dataSource().getConnection();
    }

    /** A loopback port nothing listens on: the hub's SMTP connections are refused. */
    private static int deadPort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /**
     * Checks, every few milliseconds from the first injection to the end of the test, that every SMS injected is on its
     * modem (stored on the SIM, or held by the network while the SIM is full) or in the database, and that the database
     * never holds more rows than SMS were injected. It reads the SMS injected, then the modems, then the database: an
     * SMS the modems no longer hold was deleted before, and so (if the hub deletes only what it has committed) is in
     * the database when that is read. Counts, not identities, since the simulator shows counts.
     */
    private final class Ledger implements AutoCloseable {
        private static final int KEEP = 5;
        // begun counts an SMS before it reaches the modem, done after: the hub may store it in between.
        private final AtomicInteger begun = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final List<String> violations = new CopyOnWriteArrayList<>();
        private final AtomicInteger violationCount = new AtomicInteger();
        private final AtomicInteger samples = new AtomicInteger();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final Connection connection;

        Ledger() throws SQLException {
            connection = connect();
            sampler.scheduleWithFixedDelay(this::sample, 0, 5, TimeUnit.MILLISECONDS);
        }

        void inject(SimModem modem, String from, String text) {
            begun.incrementAndGet();
            modem.inbound(from, text); // on the SIM when this returns
            done.incrementAndGet();
        }

        int onModems() {
            return sim.modems().stream().mapToInt(m -> m.storedCount() + m.pendingCount()).sum();
        }

        private void sample() {
            try {
                int injected = done.get();
                int onModems = onModems();
                int stored;
                try (Statement s = connection.createStatement();
                        ResultSet rs = s.executeQuery("select count(*) from inbound_sms")) {
                    rs.next();
                    stored = rs.getInt(1);
                }
                int atMost = begun.get();
                samples.incrementAndGet();
                if (onModems + stored < injected) {
                    violation("lost: " + injected + " injected, " + onModems + " on the modems, " + stored
                            + " in the database");
                }
                if (stored > atMost) {
                    violation("duplicated: " + atMost + " injected, " + stored + " in the database");
                }
            } catch (SQLException e) {
                // the database is dropped at the end; a sample that cannot read it proves nothing either way
            }
        }

        private void violation(String what) {
            if (violationCount.incrementAndGet() <= KEEP) {
                violations.add(what);
            }
        }

        int samples() {
            return samples.get();
        }

        void assertNothingLostOrDuplicated() {
            assertEquals(0, violationCount.get(), violationCount.get() + " samples saw an SMS lost (on no modem and"
                    + " not in the database) or duplicated; the first: " + violations);
        }

        @Override
        public void close() throws Exception {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            connection.close();
        }
    }
}
