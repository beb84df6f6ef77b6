package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * Two hub processes started on the same database, no coordinator between them, each with its own simulated modems
 * at zero latency, both claiming from one queue of 3,000 SMS as fast as their lines go: every SMS goes out exactly
 * once, none is flagged, and both nodes did a share.
 */
class TwoNodesDispatchTest {
    private static final int ROWS = 3_000;
    private static final int MODEMS = 4;

    @TempDir
    Path dir;
    private TestDatabase db;
    private GreenMail greenMail;
    private final List<SimNetwork> sims = new ArrayList<>();
    private final List<HubProcess> hubs = new ArrayList<>();

    @RegisterExtension
    final TestExecutionExceptionHandler printHubLogs = (context, failure) -> {
        for (int i = 0; i < hubs.size(); i++) {
            System.out.println("----- node-" + (i + 1) + "'s output -----\n" + hubs.get(i).log());
        }
        throw failure;
    };

    @AfterEach
    void stop() throws Exception {
        for (HubProcess h : hubs) {
            h.close();
        }
        for (SimNetwork s : sims) {
            s.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void twoNodesOnOneQueueNeverSendTheSameSmsTwice() throws Exception {
        HubProcess.jar();
        db = TestDatabases.create();
        greenMail = OwnMailServer.start();
        for (int n = 1; n <= 2; n++) {
            SimNetwork sim = SimNetwork.start(SimOptions.ephemeral(MODEMS));
            sims.add(sim);
            Path nodeDir = Files.createDirectories(dir.resolve("node-" + n));
            Map<String, String> s = ClusterNodes.settings(nodeDir, db, greenMail, sim, "node-" + n, "two-nodes");
            HubProcess hub = new HubProcess(nodeDir);
            hubs.add(hub);
            hub.start(s);
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            hubs.forEach(HubProcess::assertAlive);
            return sims.stream().flatMap(s -> s.modems().stream()).allMatch(SimModem::hostConnected)
                    && count("SELECT count(*) FROM hub_node WHERE lease_until > now()") == 2;
        });

        exec("INSERT INTO outbound_sms (recipient, text, source, requested_by, lane) SELECT '+62813'"
                + " || lpad(g::text, 8, '0'), 'Ujian dimulai Senin pukul 07.30.', 'api', 'test', 1"
                + " FROM generate_series(1, " + ROWS + ") g");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            hubs.forEach(HubProcess::assertAlive);
            return count("SELECT count(*) FROM outbound_sms WHERE status = 'SENT'") == ROWS;
        });

        Map<String, Integer> copies = new HashMap<>();
        for (DeliveredSms d : sims.stream().flatMap(s -> s.modems().stream()).flatMap(m -> m.delivered().stream())
                .toList()) {
            copies.merge(d.to(), 1, Integer::sum);
        }
        assertEquals(ROWS, copies.size(), "every SMS went out");
        assertEquals(ROWS, copies.values().stream().mapToInt(Integer::intValue).sum(), "none went out twice");
        assertEquals(0, count("SELECT count(*) FROM outbound_sms WHERE possible_duplicate"));
        long first = count("SELECT count(*) FROM outbound_sms WHERE node_id = 'node-1'");
        long second = count("SELECT count(*) FROM outbound_sms WHERE node_id = 'node-2'");
        System.out.println("TwoNodesDispatchTest: node-1 sent " + first + ", node-2 " + second);
        assertEquals(ROWS, first + second);
        assertTrue(first > ROWS / 10 && second > ROWS / 10, "both nodes took a share: " + first + " and " + second);
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), "postgres", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void exec(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
