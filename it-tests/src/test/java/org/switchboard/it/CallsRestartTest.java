package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.calls.ami.ScriptedAmiServer;
import org.switchboard.hub.Hub;
import org.switchboard.hub.config.Settings;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * A hub node that stops while its calls are under way gives them up when it starts again (their events went with its
 * manager session): a call whose agent's phone was ringing fails with cause hub-restarted, and is not placed again.
 */
class CallsRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void callsLeftOpenByTheNodeAreGivenUpWhenItStartsAgain() throws Exception {
        try (TestDatabase db = TestDatabases.create();
                ScriptedAmiServer pbx = new ScriptedAmiServer("switchboard", "amp111")
                        .ring(Duration.ofMinutes(5))) {
            Map<String, String> settings = new HashMap<>(InProcessHub.testSettings(dir, db.url()));
            settings.putAll(Map.of("switchboard.node.id", "node-a", "switchboard.calls.mode", "ami",
                    "switchboard.calls.ami.host", "127.0.0.1", "switchboard.calls.ami.port", String.valueOf(pbx.port()),
                    "switchboard.calls.ami.user", "switchboard", "switchboard.calls.ami.password", "amp111",
                    "switchboard.calls.ami.context", "from-internal"));
            long ringing;
            try (Hub first = Hub.start(Settings.of(settings))) {
                ApiClient api = new ApiClient(Integer.parseInt(settings.get("switchboard.http.port")), dir);
                await().atMost(WAIT).until(() -> pbx.loggedIn() == 1);
                ringing = api.call("POST", "/api/calls", "{\"agent\": \"1001\", \"number\": \"+6281200000009\"}", 201)
                        .get("id").asLong();
                await().atMost(WAIT).until(() -> api.get("/api/calls/" + ringing).get("state").asText()
                        .equals("agent-ringing"));
            }
            try (Hub again = Hub.start(Settings.of(settings))) {
                ApiClient api = new ApiClient(Integer.parseInt(settings.get("switchboard.http.port")), dir);
                JsonNode call = await().atMost(WAIT).until(() -> api.get("/api/calls/" + ringing),
                        c -> c.get("state").asText().equals("failed"));
                assertEquals("hub-restarted", call.get("cause").asText());
                assertEquals(1, pbx.originates().size(), "nothing placed again");
            }
        }
    }
}
