package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.sip.Sipp;

/**
 * The hub on its embedded default (embedded PostgreSQL and mail server, simulated modems) killed with {@code kill -9},
 * as a crash or the OOM killer does: its PostgreSQL outlives it. The next start, as a supervisor's restart loop makes
 * it, must stop that server and come up at once on the same data, not fail on "postmaster.pid already exists".
 */
class EmbeddedDefaultRestartTest {
    /** Generous for a loaded CI machine; a restart that waits for the old server's 60 s start-up timeout exceeds it. */
    private static final Duration UP = Duration.ofSeconds(45);

    @TempDir
    Path dir;
    private HubProcess hub;

    @RegisterExtension
    final TestExecutionExceptionHandler printHubLog = (context, failure) -> {
        if (hub != null) {
            System.out.println("----- the hub's output (" + context.getDisplayName() + ") -----\n" + hub.log());
        }
        throw failure;
    };

    @AfterEach
    void stop() throws Exception {
        if (hub != null && hub.alive()) {
            hub.stop(); // SIGTERM: the hub stops its embedded PostgreSQL, which a kill would leave behind
        }
    }

    @Test
    void aHubKilledWithSigkillStartsAgainAtOnceWithItsData() throws Exception {
        hub = new HubProcess(dir);
        Map<String, String> settings = embeddedDefaultOnFreePorts();
        int http = Integer.parseInt(settings.get("switchboard.http.port"));
        ApiClient api = new ApiClient(http, dir);

        hub.start(settings);
        awaitUp(api);
        JsonNode accepted = api.call("POST", "/api/sms", "{\"to\": [\"+6281234567001\"], \"text\": \"before the crash\"}",
                202);
        String id = accepted.get("accepted").get(0).get("id").asText();
        long server = postmasterPid();

        hub.kill9();
        assertTrue(alive(server), "the embedded PostgreSQL outlives a hub killed with SIGKILL");

        long restart = System.nanoTime();
        hub.start(settings);
        awaitUp(api);
        long seconds = (System.nanoTime() - restart) / 1_000_000_000L;
        System.out.println("restarted after kill -9 in " + seconds + " s");

        assertFalse(alive(server), "the killed hub's PostgreSQL was stopped");
        JsonNode history = api.get("/api/messages?direction=out&number=%2B6281234567001");
        assertEquals(id, history.get("items").get(0).get("id").asText(), history.toString());
        assertTrue(hub.log().contains("did not stop cleanly"), "the start says what it found");
    }

    /**
     * SIGTERM, as a supervisor or Ctrl-C stops the hub: Camel stops first, its routes finishing their work, and the
     * embedded PostgreSQL after it. Both used to stop at once, each in a shutdown hook of its own: the routes lost the
     * database mid-poll, waited for connections until Camel's shutdown timed out (45 s) and filled the log with
     * "Connection refused".
     */
    @Test
    void sigtermStopsTheRoutesBeforeTheEmbeddedDatabase() throws Exception {
        hub = new HubProcess(dir);
        Map<String, String> settings = embeddedDefaultOnFreePorts();
        ApiClient api = new ApiClient(Integer.parseInt(settings.get("switchboard.http.port")), dir);
        hub.start(settings);
        awaitUp(api);
        api.call("POST", "/api/sms", "{\"to\": [\"+6281234567002\"], \"text\": \"before the stop\"}", 202);
        long server = postmasterPid();

        hub.stop();

        // stopped by the hub before it exited; the process may take a moment more to be reaped
        await().atMost(Duration.ofSeconds(15)).until(() -> !alive(server));
        String log = hub.log();
        int camelDown = log.lastIndexOf("Camel stopped in ");
        int databaseDown = log.lastIndexOf("embedded PostgreSQL stopped");
        assertTrue(camelDown >= 0 && databaseDown > camelDown, "Camel stopped, then the database");
        assertFalse(log.contains("inflight and pending exchanges"), "no route was left waiting");
        assertFalse(log.contains("Connection refused"), "no route lost the database");
    }

    private void awaitUp(ApiClient api) {
        await().atMost(UP).pollInterval(Duration.ofMillis(200)).until(() -> {
            hub.assertAlive();
            try {
                HttpResponse<String> r = api.send("GET", "/api/modems", null, null, true);
                return r.statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    private long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(dir.resolve("data/postgres/postmaster.pid")).get(0).trim());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Everything embedded, as with no configuration at all, but on free ports so that tests never collide. */
    private Map<String, String> embeddedDefaultOnFreePorts() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("switchboard.db.embedded-dir", dir.resolve("data/postgres").toString());
        s.put("switchboard.http.port", String.valueOf(ListenPorts.free()));
        s.put("switchboard.smtp.port", String.valueOf(ListenPorts.free()));
        s.put("switchboard.imap.port", String.valueOf(ListenPorts.free()));
        s.put("switchboard.simulator.control-port", String.valueOf(ListenPorts.free()));
        s.put("switchboard.simulator.port", String.valueOf(ListenPorts.free(2))); // its two modems: consecutive ports
        s.put("switchboard.sip.port", String.valueOf(Sipp.freePort()));
        s.put("switchboard.smpp.server.port", String.valueOf(ListenPorts.free()));
        return s;
    }
}
