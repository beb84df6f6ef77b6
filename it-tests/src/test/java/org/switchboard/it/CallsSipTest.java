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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.sip.Sipp;

/**
 * Click-to-call by SIP third-party call control through the whole hub, against SIPp playing the agent's phone and the
 * customer's phone (each behind a PBX or trunk that asks for digest): the agent is invited without SDP, the customer
 * with the agent's offer, the agent's ACK carries the customer's answer (SIPp checks each), and either side's BYE ends
 * the other; a busy phone and one nobody answers fail the call with their causes. The legs go to two SIPp instances
 * through switchboard.calls.sip.agent-uri and customer-uri.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsSipTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private int agentPort;
    private int customerPort;
    private InProcessHub hub;
    private ApiClient api;
    private final List<Process> phones = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Sipp.executable(); // skips (or, on CI, fails) at once without SIPp
        agentPort = Sipp.freePort();
        customerPort = Sipp.freePort();
        hub = InProcessHub.start(dir, settings());
        api = new ApiClient(hub.httpPort(), dir);
    }

    private Map<String, String> settings() {
        return Map.of("switchboard.calls.mode", "sip",
                "switchboard.calls.sip.pbx", "127.0.0.1:" + agentPort,
                "switchboard.calls.sip.user", "switchboard",
                "switchboard.calls.sip.password", "pbx-secret",
                "switchboard.calls.sip.agent-uri", "sip:{agent}@127.0.0.1:" + agentPort,
                "switchboard.calls.sip.customer-uri", "sip:{digits}@127.0.0.1:" + customerPort,
                "switchboard.calls.sip.ring-millis", "3000",
                "switchboard.calls.sip.customer-ring-millis", "3000");
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    /** A phone left running by a failed test would answer the next test's call. */
    @AfterEach
    void endPhones() throws Exception {
        for (Process p : phones) {
            p.destroyForcibly().waitFor();
        }
        phones.clear();
    }

    private Process phone(String log, String scenario, int port) throws Exception {
        Process p = track(Sipp.start(log, scenario, "-m", "1", "-t", "u1", "-i", "127.0.0.1", "-p",
                Integer.toString(port)));
        // Listening before the hub's INVITE: one sent earlier comes again, and the retransmission confuses the scenario.
        await().atMost(WAIT).until(() -> !p.isAlive() || taken(port));
        return p;
    }

    private static boolean taken(int port) {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(port, java.net.InetAddress.getLoopbackAddress())) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private Process track(Process p) {
        phones.add(p);
        return p;
    }

    private static void awaitClean(Process sipp, String log) {
        try {
            await().atMost(WAIT).until(() -> !sipp.isAlive());
            assertEquals(0, sipp.exitValue(), "SIPp saw what it expected; see it-tests/target/sipp/" + log + ".log");
        } finally {
            sipp.destroy();
        }
    }

    private long call(String agent, String number) throws Exception {
        return api.call("POST", "/api/calls", "{\"agent\": \"" + agent + "\", \"number\": \"" + number + "\"}", 201)
                .get("id").asLong();
    }

    private JsonNode awaitState(long id, String state) {
        return await().atMost(WAIT).until(() -> api.get("/api/calls/" + id), c -> c.get("state").asText()
                .equals(state));
    }

    private static List<String> history(JsonNode call) {
        List<String> out = new ArrayList<>();
        call.get("states").forEach(s -> out.add(s.get("state").asText()));
        return out;
    }

    private void connectThenHangUp(String agentScenario, String customerScenario, String cause) throws Exception {
        Process agent = phone("3pcc-agent-" + cause, agentScenario, agentPort);
        Process customer = phone("3pcc-customer-" + cause, customerScenario, customerPort);
        long id = call("1001", "0812-3456-7890");
        awaitState(id, "connected");
        JsonNode ended = awaitState(id, "ended");
        awaitClean(agent, "3pcc-agent-" + cause);
        awaitClean(customer, "3pcc-customer-" + cause);
        assertEquals(cause, ended.get("cause").asText(), ended.toString());
        assertEquals("sip", ended.get("way").asText(), ended.toString());
        assertEquals(List.of("requested", "agent-ringing", "agent-answered", "customer-ringing", "connected", "ended"),
                history(ended));
        assertTrue(ended.get("durationSeconds").asDouble() >= 0);
    }

    @Test
    void aCallJoinsTheAgentAndTheCustomerAndTheAgentsByeEndsIt() throws Exception {
        connectThenHangUp("agent_3pcc_hangs_up.xml", "customer_3pcc.xml", "agent-hung-up");
    }

    @Test
    void theCustomersByeEndsIt() throws Exception {
        connectThenHangUp("agent_3pcc.xml", "customer_3pcc_hangs_up.xml", "customer-hung-up");
        String metrics = api.send("GET", "/metrics", null, null, true).body();
        assertTrue(PrometheusText.parse(metrics).sum("switchboard_calls_total", Map.of("way", "sip", "state", "ended",
                "cause", "customer-hung-up")) >= 1, metrics);
    }

    @Test
    void aBusyAgentFailsTheCall() throws Exception {
        Process agent = phone("3pcc-agent-busy", "phone_busy.xml", agentPort);
        long id = call("1002", "+6281234567890");
        JsonNode failed = awaitState(id, "failed");
        awaitClean(agent, "3pcc-agent-busy");
        assertEquals("agent-busy", failed.get("cause").asText());
        assertTrue(failed.get("detail").asText().contains("486"), failed.toString());
    }

    @Test
    void aBusyCustomerFailsTheCallAndTheAgentsLegIsClosed() throws Exception {
        Process agent = phone("3pcc-agent-left-busy", "agent_left.xml", agentPort);
        Process customer = phone("3pcc-customer-busy", "phone_busy.xml", customerPort);
        long id = call("1001", "+6281234567891");
        JsonNode failed = awaitState(id, "failed");
        awaitClean(agent, "3pcc-agent-left-busy");
        awaitClean(customer, "3pcc-customer-busy");
        assertEquals("customer-busy", failed.get("cause").asText());
        assertEquals(List.of("requested", "agent-ringing", "agent-answered", "customer-ringing", "failed"),
                history(failed));
    }

    @Test
    void aCustomerWhoDoesNotAnswerIsCancelled() throws Exception {
        Process agent = phone("3pcc-agent-left-noanswer", "agent_left.xml", agentPort);
        Process customer = phone("3pcc-customer-noanswer", "phone_no_answer.xml", customerPort);
        long id = call("1001", "+6281234567892");
        JsonNode failed = awaitState(id, "failed");
        awaitClean(agent, "3pcc-agent-left-noanswer");
        awaitClean(customer, "3pcc-customer-noanswer");
        assertEquals("customer-no-answer", failed.get("cause").asText());
    }

    @Test
    void anAgentWhoDoesNotAnswerIsCancelled() throws Exception {
        Process agent = phone("3pcc-agent-noanswer", "phone_no_answer.xml", agentPort);
        long id = call("1003", "+6281234567893");
        JsonNode failed = awaitState(id, "failed");
        awaitClean(agent, "3pcc-agent-noanswer");
        assertEquals("agent-no-answer", failed.get("cause").asText());
    }

    @Test
    void aStoppingHubEndsBothLegsWithBye() throws Exception {
        Path other = java.nio.file.Files.createDirectories(dir.resolve("stopping"));
        Process agent = phone("3pcc-agent-stop", "agent_3pcc.xml", agentPort);
        Process customer = phone("3pcc-customer-stop", "customer_3pcc.xml", customerPort);
        InProcessHub stopping = InProcessHub.start(other, settings());
        try {
            ApiClient client = new ApiClient(stopping.httpPort(), other);
            long id = client.call("POST", "/api/calls", "{\"agent\": \"1001\", \"number\": \"+6281234567894\"}",
                    201).get("id").asLong();
            await().atMost(WAIT).until(() -> client.get("/api/calls/" + id).get("state").asText(),
                    "connected"::equals);
            stopping.hub().close();
            awaitClean(agent, "3pcc-agent-stop");
            awaitClean(customer, "3pcc-customer-stop");
            try (var c = java.sql.DriverManager.getConnection(stopping.db().url());
                    var rs = c.createStatement().executeQuery("SELECT state, cause FROM call WHERE id = " + id)) {
                assertTrue(rs.next());
                assertEquals("ended", rs.getString(1));
                assertEquals("hub-stopped", rs.getString(2));
            }
        } finally {
            stopping.close();
        }
    }
}
