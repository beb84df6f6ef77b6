package org.switchboard.it;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.mail.internet.MimeMessage;

import org.switchboard.hub.Hub;
import org.switchboard.hub.config.Settings;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.sip.Sipp;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * The hub started in this JVM for one test class, on a fresh database, with the simulator and (unless the test
 * brings its own mail server) the embedded GreenMail on free ports; plus what the tests ask of it: what the network
 * received, journal rows, mail that arrived.
 */
final class InProcessHub implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final TestDatabase db;
    private final Hub hub;
    private final Map<String, String> settings;

    private InProcessHub(TestDatabase db, Hub hub, Map<String, String> settings) {
        this.db = db;
        this.hub = hub;
        this.settings = settings;
    }

    /**
     * The settings of a hub under test: a database of its own, every port free, quick polling. Mutable, for a test to
     * change.
     */
    static Map<String, String> testSettings(Path dir, String dbUrl) throws java.io.IOException {
        int httpPort = ListenPorts.free();
        int sipPort = Sipp.freePort(); // free on UDP as well as TCP
        return new HashMap<>(Map.ofEntries(
                Map.entry("switchboard.db.url", dbUrl),
                Map.entry("switchboard.db.embedded-dir", dir.resolve("data/postgres").toString()),
                Map.entry("switchboard.smtp.port", "0"),
                Map.entry("switchboard.imap.port", "0"),
                Map.entry("switchboard.imap.poll-millis", "200"),
                Map.entry("switchboard.simulator.port", "0"),
                Map.entry("switchboard.simulator.control-port", "-1"),
                Map.entry("switchboard.http.port", String.valueOf(httpPort)),
                Map.entry("switchboard.sip.port", String.valueOf(sipPort)),
                Map.entry("switchboard.smpp.server.port", String.valueOf(ListenPorts.free())),
                Map.entry("switchboard.outbox.poll-millis", "100")));
    }

    /** Starts the hub; {@code overrides} win over the test defaults (which poll quickly and bind every port free). */
    static InProcessHub start(Path dir, Map<String, String> overrides) throws Exception {
        TestDatabase db = TestDatabases.create();
        try {
            Map<String, String> settings = testSettings(dir, db.url());
            settings.putAll(overrides);
            return new InProcessHub(db, Hub.start(Settings.of(settings)), Map.copyOf(settings));
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    Hub hub() {
        return hub;
    }

    int sipPort() {
        return Integer.parseInt(settings.get("switchboard.sip.port"));
    }

    int smppPort() {
        return Integer.parseInt(settings.get("switchboard.smpp.server.port"));
    }

    int httpPort() {
        return Integer.parseInt(settings.get("switchboard.http.port"));
    }

    TestDatabase db() {
        return db;
    }

    /** What all simulated modems delivered to the network, oldest first: the hub shares outgoing SMS among them. */
    List<DeliveredSms> delivered() {
        return hub.simulator().modems().stream().flatMap(m -> m.delivered().stream())
                .sorted(Comparator.comparing(DeliveredSms::at)).toList();
    }

    /** Rows of a query on the hub's database, each column by its label. */
    List<Map<String, Object>> query(String sql, Object... args) throws Exception {
        try (Connection c = hub.database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** Journal rows of one kind of message, oldest first, after the batched writer flushed what it holds. */
    List<Map<String, Object>> journal(String messageKind) throws Exception {
        hub.journal().flush();
        return query("SELECT message_id, hop, detail, error FROM journal WHERE message_kind = ? ORDER BY id",
                messageKind);
    }

    /** Waits for the first mail in the user's INBOX that matches. A mailbox nothing reached yet cannot log in. */
    static MimeMessage awaitMail(MailboxClient mail, String user, String password, Predicate<MimeMessage> which) {
        return await().atMost(WAIT).ignoreExceptions().until(
                () -> mail.inbox(user, password).stream().filter(which).findFirst().orElse(null), m -> m != null);
    }

    static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (Exception e) {
            return "";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            hub.close();
        } finally {
            db.close();
        }
    }
}
