package org.switchboard.modem.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.switchboard.modem.sim.AtDeviceTest.GAMMU_SUBMIT;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP/JSON control interface of DESIGN.md. */
class ControlServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private SimNetwork network;

    /** One HTTP answer. */
    record Answer(int status, JsonNode body) {
    }

    @BeforeEach
    void start() throws IOException {
        network = SimNetwork.start(SimOptions.ephemeral(2).withControlPort(0));
    }

    @AfterEach
    void stop() {
        network.close();
    }

    private Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(network.controlUrl() + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    private void send(SimModem modem, String pdu) throws IOException {
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            t.command("ATE0;+CMEE=1");
            t.send("AT+CMGS=" + SmsStorage.tpduLengthOf(pdu) + "\r");
            t.expect("> ");
            t.send(pdu + "\u001a");
            t.expect("\r\n");
            t.expect("\r\n");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !modem.hostConnected());
    }

    @Test
    void listsTheModems() throws Exception {
        Answer a = call("GET", "/modems", null);
        assertEquals(200, a.status());
        assertEquals(2, a.body().size());
        assertEquals(1, a.body().get(0).get("id").asInt());
        assertEquals("+6281100000001", a.body().get(0).get("number").asText());
        assertEquals(network.modem(1).port(), a.body().get(0).get("port").asInt());
        assertEquals(3, a.body().get(0).size(), "exactly id, number, port");
    }

    @Test
    void injectsAnInboundSmsSplitWhenLong() throws Exception {
        Answer a = call("POST", "/modems/2/inbound", "{\"from\":\"+6281234567890\",\"text\":\"Halo\"}");
        assertEquals(202, a.status());
        assertEquals(1, network.modem(2).storedCount());
        String longText = "Ini pesan yang panjang sekali. ".repeat(10);
        call("POST", "/modems/2/inbound", JSON.writeValueAsString(
                JSON.createObjectNode().put("from", "+6281234567890").put("text", longText)));
        assertEquals(4, network.modem(2).storedCount());
        Answer state = call("GET", "/modems/2", null);
        assertEquals(4, state.body().get("stored").asInt());
        assertTrue(state.body().get("registered").asBoolean());
    }

    @Test
    void listsAndClearsWhatWasDelivered() throws Exception {
        send(network.modem(1), GAMMU_SUBMIT);
        Answer a = call("GET", "/modems/1/delivered", null);
        assertEquals(200, a.status());
        JsonNode d = a.body().get(0);
        assertEquals("+628159919457", d.get("to").asText());
        assertEquals("Hello from gammu", d.get("text").asText());
        assertEquals(1, d.get("parts").asInt());
        assertFalse(d.get("statusReport").asBoolean());
        Instant.parse(d.get("at").asText());
        Answer state = call("GET", "/modems/1", null);
        assertTrue(state.body().get("bytesFromHost").asLong() > 60);
        assertTrue(state.body().get("bytesToHost").asLong() > 10);
        assertEquals(204, call("DELETE", "/modems/1/delivered", null).status());
        assertEquals(0, call("GET", "/modems/1/delivered", null).body().size());
    }

    @Test
    void injectsFaults() throws Exception {
        Answer a = call("POST", "/modems/1/faults",
                "{\"failNumbers\":{\"+628159919457\":21},\"latencyMillis\":5,\"registered\":false}");
        assertEquals(200, a.status());
        assertEquals(21, a.body().get("faults").get("failNumbers").get("+628159919457").asInt());
        assertEquals(5, network.modem(1).latencyMillis());
        assertFalse(network.modem(1).registered());
        call("POST", "/modems/1/faults", "{\"registered\":true,\"hung\":true}");
        assertTrue(network.modem(1).hung());
        call("POST", "/modems/1/faults", "{\"hung\":false,\"failNumbers\":{\"+628159919457\":0}}");
        assertTrue(network.modem(1).failNumbers().isEmpty());
        assertEquals(200, call("POST", "/modems/1/faults", "{\"reboot\":true}").status());
        await().atMost(Duration.ofSeconds(3)).until(() -> network.modem(1).registered());
    }

    @Test
    void answersBadRequestsWithJsonErrors() throws Exception {
        Answer bad = call("POST", "/modems/1/inbound", "{not json");
        assertEquals(400, bad.status());
        assertTrue(bad.body().get("error").asText().startsWith("bad JSON"));
        assertEquals(400, call("POST", "/modems/1/inbound", "{\"from\":\"+62\"}").status());
        assertEquals(400, call("POST", "/modems/1/faults", "{\"explode\":true}").status());
        assertEquals(400, call("POST", "/modems/1/faults", "{\"latencyMillis\":-1}").status());
        assertEquals(400, call("POST", "/modems/1/faults", "[]").status());
        Answer missing = call("GET", "/modems/9/delivered", null);
        assertEquals(404, missing.status());
        assertEquals("no modem 9", missing.body().get("error").asText());
        assertEquals(404, call("GET", "/modems/x", null).status());
        assertEquals(404, call("GET", "/nothing", null).status());
        assertEquals(405, call("PUT", "/modems", "{}").status());
    }
}
