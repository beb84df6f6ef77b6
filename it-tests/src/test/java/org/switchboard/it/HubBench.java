package org.switchboard.it;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.switchboard.hub.Hub;
import org.switchboard.hub.config.Settings;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * SMS to email end to end, as issue 3 asks it to be measured: SMS injected into simulated modems at zero latency, stored
 * in PostgreSQL on 127.0.0.1, e-mailed through GreenMail on loopback; SMS per minute from the first injection until SMTP
 * took the last one. Run twice, with the journal and without, to show what the journal costs. Prints; asserts nothing.
 * {@code ./bench hub [SMS] [modems]}.
 */
public final class HubBench {
    private HubBench() {
    }

    public static void main(String[] args) throws Exception {
        int sms = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int modems = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        for (boolean journal : new boolean[] { true, false }) {
            run(sms, modems, journal);
        }
    }

    static void run(int count, int modems, boolean journal) throws Exception {
        Path dir = Files.createTempDirectory("hub-bench");
        Map<String, String> settings = InProcessHub.testSettings(dir, "");
        settings.put("switchboard.simulator.modems", String.valueOf(modems));
        settings.put("switchboard.outbox.poll-millis", "50");
        settings.put("switchboard.journal.enabled", String.valueOf(journal));
        try (TestDatabase db = TestDatabases.create();
                Hub hub = Hub.start(Settings.of(withDatabase(settings, db.url())))) {
            // Wait until every modem is up, so that start-up is not measured.
            var camel = hub.camelContext();
            await().atMost(Duration.ofMinutes(1)).until(() -> HealthCheckHelper.invoke(camel).stream()
                    .noneMatch(r -> r.getCheck().getId().startsWith("modem-") && r.getState() != HealthCheck.State.UP));
            long start = System.nanoTime();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < count; i++) {
                SimModem modem = hub.simulator().modem(1 + i % modems);
                String from = "+62812" + String.format(Locale.ROOT, "%07d", i % 1000);
                modem.inbound(from, "Pesan nomor " + i + ": saya mau tanya soal pendaftaran " + random.nextInt(1000));
            }
            long emailed = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> count(db, "select count(*) from inbound_sms where email_status = 'SENT'"), n -> n >= count);
            double seconds = (System.nanoTime() - start) / 1e9;
            hub.journal().flush();
            long hops = count(db, "select count(*) from journal");
            int inMailbox = hub.embeddedMail().greenMail().getReceivedMessages().length;
            long storedMillis = count(db, "select (extract(epoch from max(stored_at) - min(stored_at)) * 1000)::bigint"
                    + " from inbound_sms");
            System.out.printf(Locale.ROOT,
                    "hub: %,d SMS through %d simulated modems to email, journal %s: %.1f s, %,.0f SMS/min"
                            + " (goal >= 25,000); all stored after %.1f s; %,d emails in the mailbox, %,d journal rows%n",
                    emailed, modems, journal ? "on" : "off", seconds, emailed / seconds * 60, storedMillis / 1000.0,
                    inMailbox, hops);
        }
    }

    private static Map<String, String> withDatabase(Map<String, String> settings, String url) {
        settings.put("switchboard.db.url", url);
        return settings;
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
