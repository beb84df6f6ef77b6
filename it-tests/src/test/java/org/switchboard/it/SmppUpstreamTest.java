package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.channel.smpp.SmscSimulator;
import org.switchboard.smpp.NewSmppAccount;
import org.switchboard.smpp.SmppAccountStore;

/**
 * The hub with an smpp channel to an operator's SMSC (the simulator, jSMPP's server side) beside its modems: SMS to
 * the operator's numbers leave over SMPP and the SMSC's receipts mark them delivered; an application bound to the
 * hub's own SMPP server submits through the upstream SMSC and gets its DELIVRD from the upstream receipt; and SMS the
 * SMSC delivers reach the help desk as the modems' do.
 */
class SmppUpstreamTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static SmscSimulator smsc;
    private static InProcessHub hub;

    @BeforeAll
    static void start() throws Exception {
        NodeSmpp.require();
        smsc = SmscSimulator.start("hub", "secret");
        Map<String, String> s = new HashMap<>(Map.of(
                "switchboard.channel.operator.kind", "smpp",
                "switchboard.channel.operator.host", "127.0.0.1",
                "switchboard.channel.operator.port", String.valueOf(smsc.port()),
                "switchboard.channel.operator.system-id", "hub",
                "switchboard.channel.operator.password", "secret",
                "switchboard.channel.operator.window", "4",
                "switchboard.channel.operator.source-addr", "9123",
                "switchboard.channel.operator.allowed-prefix", "+62855",
                "switchboard.channel.modems.denied-prefix", "+62855"));
        s.put("switchboard.smpp.server.receipt-poll-millis", "50");
        hub = InProcessHub.start(dir, s);
        DispatchTest.awaitModemsUp(hub.hub());
        await().atMost(WAIT).until(smsc::bound);
        new SmppAccountStore(hub.hub().database().dataSource()).add(NewSmppAccount.of("app", "app"), "test");
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    private static SmscSimulator.Submit awaitSubmit(String to) {
        return await().atMost(WAIT).until(() -> smsc.submits().stream().filter(s -> s.destination().equals(to))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    @Test
    void anSmsToTheOperatorsNumbersGoesOverSmppAndItsReceiptMarksItDelivered() throws Exception {
        ApiClient api = new ApiClient(hub.httpPort(), dir);
        JsonNode queued = api.call("POST", "/api/sms", "{\"to\": [\"+6285500000001\"], \"text\": \"over SMPP\"}",
                202);
        long id = Long.parseLong(queued.path("accepted").get(0).path("id").asText().substring("out-".length()));
        SmscSimulator.Submit s = awaitSubmit("6285500000001");
        assertEquals("over SMPP", s.text());
        assertEquals("9123", s.source());
        await().atMost(WAIT).until(() -> "delivered".equals(hub.query("SELECT delivery_status FROM outbound_sms"
                + " WHERE id = ?", id).get(0).get("delivery_status")));
        Map<String, Object> row = hub.query("SELECT channel, part_refs::text AS refs FROM outbound_sms WHERE id = ?",
                id).get(0);
        assertEquals("operator", row.get("channel"));
        assertEquals("{" + s.messageId() + "}", row.get("refs"));
        assertTrue(hub.delivered().stream().noneMatch(d -> d.to().equals("+6285500000001")), "not on a modem");
    }

    @Test
    void anApplicationsSubmitGoesUpstreamAndTheUpstreamReceiptComesBackAsDelivrd() throws Exception {
        List<JsonNode> events = NodeSmpp.esme(hub.smppPort(), "app", "app", "{\"bind\":\"transceiver\",\"submits\":"
                + "[{\"to\":\"+6285500000002\",\"from\":\"9123\",\"text\":\"relayed\",\"registered_delivery\":1}],"
                + "\"receipts\":1,\"timeoutMs\":60000}");
        String messageId = NodeSmpp.events(events, "submit_sm_resp").get(0).path("message_id").asText();
        assertEquals("relayed", awaitSubmit("6285500000002").text());
        JsonNode receipt = NodeSmpp.events(events, "deliver_sm").get(0);
        assertEquals(messageId, receipt.path("receipted_message_id").asText());
        assertTrue(receipt.path("short_message").asText().contains("stat:DELIVRD"), receipt.toString());
    }

    @Test
    void anSmsTheSmscDeliversReachesTheHelpDeskAndItsLongOnesWhole() throws Exception {
        List<Integer> statuses = smsc.deliver("+6285511111111", "9123", List.of(
                "Halo, saya mau tanya soal ".getBytes(StandardCharsets.US_ASCII),
                "pendaftaran tahun ini.".getBytes(StandardCharsets.US_ASCII)), 0);
        assertEquals(List.of(0, 0), statuses);
        await().atMost(WAIT).until(() -> !hub.query("SELECT 1 FROM inbound_sms WHERE originator = ? AND channel ="
                + " 'operator'", "+6285511111111").isEmpty());
        Map<String, Object> in = hub.query("SELECT text FROM inbound_sms WHERE originator = ?", "+6285511111111")
                .get(0);
        assertEquals("Halo, saya mau tanya soal pendaftaran tahun ini.", in.get("text"));
    }

    @Test
    void theBindsShowInHealthMetricsAndTheChannelsApi() throws Exception {
        ApiClient api = new ApiClient(hub.httpPort(), dir);
        api.call("POST", "/api/sms", "{\"to\": [\"+6285500000009\"], \"text\": \"counted\"}", 202);
        await().atMost(WAIT).until(() -> {
            JsonNode c = api.get("/api/smpp/channels").path("channels").get(0);
            return c.path("binds").get(0).path("receipts").asInt() >= 1;
        });
        JsonNode channel = api.get("/api/smpp/channels").path("channels").get(0);
        assertEquals("operator", channel.path("channel").asText());
        assertEquals("READY", channel.path("state").asText());
        JsonNode bind = channel.path("binds").get(0);
        assertEquals("READY", bind.path("state").asText());
        assertTrue(bind.path("submitted").asInt() >= 1, bind.toString());
        assertTrue(bind.path("receiptLatencyMillis").isNumber(), bind.toString());

        JsonNode health = ApiClient.JSON.readTree(api.send("GET", "/health", null, null, true).body());
        JsonNode check = null;
        for (JsonNode c : health.path("checks")) {
            if ("smpp-operator".equals(c.path("name").asText())) {
                check = c;
            }
        }
        assertTrue(check != null && "UP".equals(check.path("state").asText()), health.toString());
        assertTrue(health.toString().contains("smpp-server"), health.toString());
        // the channel's bind is recorded and journalled as the applications' binds are
        long bindId = ((Number) hub.query("SELECT id FROM smpp_bind WHERE channel = 'operator' AND status = 0")
                .get(0).get("id")).longValue();
        assertTrue(hub.journal("smpp_bind").stream().anyMatch(h -> ((Number) h.get("message_id")).longValue() == bindId
                && "smpp-channel-bound".equals(h.get("hop"))));

        String metrics = api.send("GET", "/metrics", null, null, true).body();
        assertTrue(metrics.contains("switchboard_smpp_bind_up{bind=\"operator-1\",channel=\"operator\"} 1.0"),
                metrics.lines().filter(l -> l.contains("smpp")).toList().toString());
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith(
                "switchboard_smpp_bind_submits_total{bind=\"operator-1\"") && !l.endsWith(" 0.0")));
    }
}
