package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.hub.Hub;
import org.switchboard.hub.config.Settings;
import org.switchboard.smpp.BindKind;
import org.switchboard.smpp.NewSmppAccount;
import org.switchboard.smpp.SmppAccountStore;

/**
 * Two whole hubs, nodes a and b, on one PostgreSQL, as behind a load balancer: a dashboard session opened on one is
 * signed in on the other and signing out on either ends it; an SMPP account allowed one bind gets one over both nodes,
 * and node a's bind stops counting once a's lease in hub_node has run out.
 */
class TwoNodesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dirA;
    @TempDir
    static Path dirB;
    private static InProcessHub a;
    private static Hub b;
    private static Map<String, String> settingsB;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        a = InProcessHub.start(dirA, Map.of("switchboard.node.id", "a", "switchboard.simulator.modems", "1"));
        settingsB = new HashMap<>(InProcessHub.testSettings(dirB, a.db().url()));
        settingsB.put("switchboard.node.id", "b");
        settingsB.put("switchboard.simulator.modems", "1");
        // the same admin password as node a's: the nodes share the admin user
        Files.createDirectories(dirB.resolve("data"));
        Files.copy(dirA.resolve("data/admin-password"), dirB.resolve("data/admin-password"));
        b = Hub.start(Settings.of(settingsB));
        // both nodes' heartbeats, as the cluster's lease keeping writes them
        for (String node : List.of("a", "b")) {
            a.query("INSERT INTO hub_node (id, host, pid, lease_until) VALUES (?, 'test', 1,"
                    + " now() + interval '1 hour') ON CONFLICT (id) DO UPDATE SET lease_until = EXCLUDED.lease_until,"
                    + " stopped_at = NULL RETURNING id", node);
        }
        new SmppAccountStore(a.hub().database().dataSource()).add(new NewSmppAccount("solo", "pw",
                Set.of(BindKind.values()), List.of(), 0, 1), "test");
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void aSessionOpenedOnOneNodeIsSignedInOnTheOtherUntilSignedOutThere() throws Exception {
        String password = Files.readString(dirA.resolve("data/admin-password")).trim();
        HttpResponse<String> login = http.send(request(a.httpPort(), "/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", "admin",
                        "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = JSON.readTree(login.body()).path("csrf").asText();

        HttpResponse<String> onB = http.send(request(portB(), "/api/session").header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, onB.statusCode(), onB.body());
        JsonNode session = JSON.readTree(onB.body());
        assertEquals("admin", session.path("user").asText());
        assertEquals(csrf, session.path("csrf").asText(), "node b gives the same CSRF token");

        HttpResponse<String> logout = http.send(request(portB(), "/logout").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, logout.statusCode(), logout.body());
        HttpResponse<String> afterOnA = http.send(request(a.httpPort(), "/api/session").header("Cookie", cookie).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, afterOnA.statusCode(), "signed out on node b: " + afterOnA.body());
    }

    @Test
    void anAccountAllowedOneBindGetsOneOverBothNodesUntilTheHoldersLeaseRunsOut() throws Exception {
        SMPPSession onA = bind(a.smppPort());
        try {
            NegativeResponseException refused = assertThrows(NegativeResponseException.class,
                    () -> bind(smppPortB()).close());
            assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, refused.getCommandStatus());
            // node a falls silent: its lease runs out, and what it holds no longer counts (its socket is still open)
            a.query("UPDATE hub_node SET lease_until = now() - interval '1 second' WHERE id = 'a' RETURNING id");
            SMPPSession onB = bind(smppPortB());
            onB.unbindAndClose();
        } finally {
            onA.unbindAndClose();
            a.query("UPDATE hub_node SET lease_until = now() + interval '1 hour' WHERE id = 'a' RETURNING id");
        }
    }

    private static SMPPSession bind(int port) throws Exception {
        SMPPSession s = new SMPPSession();
        try {
            s.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, "solo", "pw", "",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        } catch (java.io.IOException e) {
            s.close();
            if (e.getCause() instanceof NegativeResponseException n) {
                throw n;
            }
            throw e;
        }
        return s;
    }

    private static int portB() {
        return Integer.parseInt(settingsB.get("switchboard.http.port"));
    }

    private static int smppPortB() {
        return Integer.parseInt(settingsB.get("switchboard.smpp.server.port"));
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }
}
