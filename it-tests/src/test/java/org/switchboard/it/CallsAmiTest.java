package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.calls.ami.ScriptedAmiServer;
import org.switchboard.calls.ami.ScriptedAmiServer.Phone;

/**
 * Click-to-call through the whole hub and Asterisk's manager interface: POST /api/calls against a scripted AMI server
 * over TCP, the Originate it receives, the call's states in GET /api/calls/{id} as the PBX's events come, the journal
 * and the metrics, each failure's cause, the agent from the user's extension, refused numbers, and the manager session
 * re-established after a drop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsAmiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private ScriptedAmiServer pbx;
    private InProcessHub hub;
    private ApiClient api;

    @BeforeAll
    void start() throws Exception {
        pbx = new ScriptedAmiServer("switchboard", "amp111").agent("1002", Phone.BUSY)
                .customer("+6281200000002", Phone.NO_ANSWER);
        hub = InProcessHub.start(dir, ScriptedPbxSettings.ami(pbx, "switchboard.calls.ami.reconnect-millis", "50",
                "switchboard.calls.ami.reconnect-max-millis", "200"));
        api = new ApiClient(hub.httpPort(), dir);
        await().atMost(WAIT).until(() -> pbx.loggedIn() == 1);
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    private long call(String body) throws Exception {
        JsonNode created = api.call("POST", "/api/calls", body, 201);
        return created.get("id").asLong();
    }

    private JsonNode get(long id) throws Exception {
        return api.get("/api/calls/" + id);
    }

    private JsonNode awaitState(long id, String state) {
        return await().atMost(WAIT).until(() -> get(id), c -> c.get("state").asText().equals(state));
    }

    private static List<String> history(JsonNode call) {
        List<String> out = new ArrayList<>();
        call.get("states").forEach(s -> out.add(s.get("state").asText()));
        return out;
    }

    @Test
    void aCallRingsTheAgentThenTheCustomerAndItsStatesAreShownJournalledAndCounted() throws Exception {
        JsonNode created = api.call("POST", "/api/calls", "{\"agent\": \"1001\", \"number\": \"0812-3456-7890\"}", 201);
        long id = created.get("id").asLong();
        assertEquals("+6281234567890", created.get("number").asText(), "normalised like SMS numbers");
        assertEquals("admin", created.get("requestedBy").asText());
        awaitState(id, "connected");
        ScriptedAmiServer.Packet o = pbx.originates().stream()
                .filter(m -> m.actionId().equals("switchboard-call-" + id)).findFirst().orElseThrow();
        assertEquals("PJSIP/1001", o.get("Channel"));
        assertEquals("from-internal", o.get("Context"));
        assertEquals("+6281234567890", o.get("Exten"));
        assertEquals("30000", o.get("Timeout"));
        assertEquals("__SWITCHBOARD_CALL_ID=" + id, o.get("Variable"));
        assertEquals("true", o.get("Async"));

        pbx.hangUp("switchboard-call-" + id, true);
        JsonNode ended = awaitState(id, "ended");
        assertEquals("customer-hung-up", ended.get("cause").asText());
        assertEquals(16, ended.get("causeCode").asInt());
        assertTrue(ended.get("durationSeconds").asDouble() >= 0);
        assertEquals(List.of("requested", "agent-ringing", "agent-answered", "customer-ringing", "connected", "ended"),
                history(ended));

        await().atMost(WAIT).until(() -> hub.journal("call").stream().filter(r -> ((Number) r.get("message_id"))
                .longValue() == id).map(r -> (String) r.get("hop")).toList(), hops -> hops.equals(List.of("requested",
                        "agent-ringing", "agent-answered", "customer-ringing", "connected", "ended")));
        List<String> hops = new ArrayList<>();
        api.get("/api/calls/" + id + "/hops").get("hops").forEach(h -> hops.add(h.get("hop").asText()));
        assertEquals(List.of("requested", "agent-ringing", "agent-answered", "customer-ringing", "connected", "ended"),
                hops);
        String metrics = api.send("GET", "/metrics", null, null, true).body();
        assertTrue(PrometheusText.parse(metrics).sum("switchboard_calls_total", Map.of("way", "ami", "state", "ended",
                "cause", "customer-hung-up")) >= 1, metrics);
        assertTrue(PrometheusText.parse(metrics).sum("switchboard_calls_pbx_up", Map.of("way", "ami")) == 1);
    }

    @Test
    void aBusyAgentAndACustomerWhoDoesNotAnswerAreFailuresWithTheirCauses() throws Exception {
        long busy = call("{\"agent\": \"1002\", \"number\": \"+6281234567890\"}");
        long noAnswer = call("{\"agent\": \"1001\", \"number\": \"+6281200000002\"}");
        assertEquals("agent-busy", awaitState(busy, "failed").get("cause").asText());
        JsonNode na = awaitState(noAnswer, "failed");
        assertEquals("customer-no-answer", na.get("cause").asText());
        JsonNode failed = api.get("/api/calls?state=failed&agent=1002");
        assertTrue(failed.get("calls").size() >= 1);
        failed.get("calls").forEach(c -> assertEquals("1002", c.get("agent").asText()));
    }

    @Test
    void theAgentComesFromTheUsersExtensionAndBadOrOptedOutNumbersAreRefused() throws Exception {
        ApiClient.assertError(api.send("POST", "/api/calls", "application/json", "{\"number\": \"+6281234567890\"}",
                true), 400, "no agent");
        api.call("PUT", "/api/users/admin/extension", "{\"extension\": \"1005\"}", 200);
        long id = call("{\"number\": \"+6281234567890\"}");
        assertEquals("1005", get(id).get("agent").asText());
        awaitState(id, "connected");
        pbx.hangUp("switchboard-call-" + id, false);
        assertEquals("agent-hung-up", awaitState(id, "ended").get("cause").asText());

        ApiClient.assertError(api.send("POST", "/api/calls", "application/json", "{\"agent\": \"1001\", \"number\":"
                + " \"hello\"}", true), 400, "not a phone number");
        hub.query("INSERT INTO opt_out (number, keyword) VALUES ('+6281299999999', 'STOP') RETURNING number");
        ApiClient.assertError(api.send("POST", "/api/calls", "application/json", "{\"agent\": \"1001\", \"number\":"
                + " \"081299999999\"}", true), 403, "opted out");
        ApiClient.assertError(api.send("POST", "/api/calls", "application/json", "{\"agent\": \"1001\", \"number\":"
                + " \"+6281234567890\"}", false), 401, "credentials");
        ApiClient.assertError(api.send("GET", "/api/calls/999999", null, null, true), 404, "no such call");
    }

    @Test
    void aDroppedManagerSessionIsReEstablishedAndARefusedLoginIsSaid() throws Exception {
        int before = pbx.logins();
        pbx.dropConnections();
        await().atMost(WAIT).until(() -> pbx.logins() > before && pbx.loggedIn() == 1);
        long after = call("{\"agent\": \"1001\", \"number\": \"+6281234567891\"}");
        awaitState(after, "connected");
        pbx.hangUp("switchboard-call-" + after, true);
        awaitState(after, "ended");

        pbx.secret("changed-on-the-pbx");
        pbx.dropConnections();
        await().atMost(WAIT).until(() -> api.send("GET", "/metrics", null, null, true).body(),
                m -> PrometheusText.parse(m).sum("switchboard_calls_pbx_up", Map.of("way", "ami")) == 0);
        JsonNode refused = api.call("POST", "/api/calls", "{\"agent\": \"1001\", \"number\": \"+6281234567892\"}",
                201);
        assertEquals("failed", refused.get("state").asText());
        assertEquals("ami-login-refused", refused.get("cause").asText());
        assertTrue(refused.get("detail").asText().contains("Authentication failed"), refused.toString());
        pbx.secret("amp111");
        await().atMost(WAIT).until(() -> pbx.loggedIn() == 1);
    }
}
