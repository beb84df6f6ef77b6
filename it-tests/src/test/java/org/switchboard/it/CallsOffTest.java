package org.switchboard.it;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without switchboard.calls.mode, /api/calls says click-to-call is not configured, and stores nothing. */
class CallsOffTest {
    @TempDir
    static Path dir;
    private static InProcessHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aCallIsAnswered503NotConfigured() throws Exception {
        ApiClient api = new ApiClient(hub.httpPort(), dir);
        ApiClient.assertError(api.send("POST", "/api/calls", "application/json", "{\"agent\": \"1001\", \"number\":"
                + " \"+6281234567890\"}", true), 503, "switchboard.calls.mode");
        org.junit.jupiter.api.Assertions.assertEquals(0, api.get("/api/calls").get("calls").size());
    }
}
