package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * A busy hub stopped with SIGTERM (a supervisor, Ctrl-C) while its modems have SMS in hand and more wait: it exits by
 * itself, and after the restart every SMS goes out, none lost; one that went twice is one a modem held at the stop,
 * marked a possible duplicate. The time the stop took is printed, not asserted.
 */
class HubStopTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SMS = 20;

    @TempDir
    Path dir;
    private TestDatabase db;
    private GreenMail greenMail;
    private SimNetwork sim;
    private HubProcess hub;

    @RegisterExtension
    final TestExecutionExceptionHandler printHubLog = (context, failure) -> {
        if (hub != null) {
            System.out.println("----- the hub's output (" + context.getDisplayName() + ") -----\n" + hub.log());
        }
        throw failure;
    };

    @BeforeEach
    void start() throws Exception {
        HubProcess.jar();
        db = TestDatabases.create();
        greenMail = OwnMailServer.start();
        // each SMS takes its modem 1.5 s: at the stop, both modems have one in hand and most still wait
        sim = SimNetwork.start(SimOptions.ephemeral(2).withLatencyMillis(1500));
        hub = new HubProcess(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
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
    void aBusyHubStoppedWithSigtermLosesNothing() throws Exception {
        Map<String, String> settings = HubProcess.settingsAgainst(dir, db, greenMail, greenMail.getSmtp().getPort(),
                sim, "");
        hub.start(settings);
        ApiClient api = new ApiClient(Integer.parseInt(settings.get("switchboard.http.port")), dir);
        await().atMost(WAIT).until(() -> {
            hub.assertAlive();
            try {
                return api.send("GET", "/api/modems", null, null, true).statusCode() == 200
                        && sim.modems().stream().allMatch(SimModem::hostConnected);
            } catch (java.io.IOException e) {
                return false;
            }
        });
        StringBuilder to = new StringBuilder();
        for (int i = 0; i < SMS; i++) {
            to.append(i == 0 ? "" : ", ").append("\"+62812700000").append(String.format("%02d", i)).append('"');
        }
        api.call("POST", "/api/sms", "{\"to\": [" + to + "], \"text\": \"stop test\"}", 202);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbound_sms WHERE status = 'SENDING'") >= 1
                && count("SELECT count(*) FROM outbound_sms WHERE status = 'SENT'") >= 1);

        long t0 = System.nanoTime();
        hub.stop();
        long stopMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(count("SELECT count(*) FROM outbound_sms WHERE status = 'PENDING'") > 0, "stopped while busy");

        hub.start(settings);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbound_sms WHERE status = 'SENT'") == SMS);
        Map<String, Integer> received = new HashMap<>();
        for (SimModem m : sim.modems()) {
            for (DeliveredSms d : m.delivered()) {
                received.merge(d.to(), 1, Integer::sum);
            }
        }
        assertEquals(SMS, received.size(), "every SMS reached the network: " + received);
        Set<String> twice = new HashSet<>();
        received.forEach((number, n) -> {
            if (n > 1) {
                twice.add(number);
            }
        });
        for (String number : twice) {
            assertEquals(1, count("SELECT count(*) FROM outbound_sms WHERE recipient = '" + number
                    + "' AND possible_duplicate"), number + " went twice, not flagged");
        }
        System.out.printf("busy stop: the hub exited %d ms after SIGTERM with 2 SMS in its modems' hands; %d sent"
                + " twice (flagged)%n", stopMillis, twice.size());
    }

    private int count(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
