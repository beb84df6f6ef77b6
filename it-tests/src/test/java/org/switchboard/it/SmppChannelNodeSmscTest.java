package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's smpp channel bound to an SMSC that is not written with jSMPP: node-smpp's server side. What the hub sends
 * to the operator's numbers it takes (GSM and UCS-2, long text in UDH parts), its receipts (message_ids in hex, the
 * receipted_message_id and message_state TLVs) mark the SMS delivered, and the SMS it delivers reaches the hub.
 */
class SmppChannelNodeSmscTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static NodeSmpp.Smsc smsc;
    private static InProcessHub hub;

    @BeforeAll
    static void start() throws Exception {
        smsc = NodeSmpp.smsc("hub", "secret", "{\"mo\":[{\"from\":\"+6285599999999\",\"to\":\"9123\","
                + "\"text\":\"REG QUIZ\"}]}");
        Map<String, String> s = new HashMap<>(Map.of(
                "switchboard.channel.operator.kind", "smpp",
                "switchboard.channel.operator.host", "127.0.0.1",
                "switchboard.channel.operator.port", String.valueOf(smsc.port()),
                "switchboard.channel.operator.system-id", "hub",
                "switchboard.channel.operator.password", "secret",
                "switchboard.channel.operator.submit-id-base", "hex",
                "switchboard.channel.operator.receipt-id-base", "hex",
                "switchboard.channel.operator.allowed-prefix", "+62855",
                "switchboard.channel.modems.denied-prefix", "+62855"));
        hub = InProcessHub.start(dir, s);
        DispatchTest.awaitModemsUp(hub.hub());
        await().atMost(WAIT).until(() -> !smsc.events("bound").isEmpty());
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

    private static long send(String to, String text) throws Exception {
        ApiClient api = new ApiClient(hub.httpPort(), dir);
        JsonNode queued = api.call("POST", "/api/sms", "{\"to\": [\"" + to + "\"], \"text\": \"" + text + "\"}", 202);
        return Long.parseLong(queued.path("accepted").get(0).path("id").asText().substring("out-".length()));
    }

    private static void awaitDelivered(long id) {
        await().atMost(WAIT).until(() -> "delivered".equals(hub.query("SELECT delivery_status FROM outbound_sms"
                + " WHERE id = ?", id).get(0).get("delivery_status")));
    }

    @Test
    void nodeSmppTakesWhatTheHubSendsAndItsReceiptsMarkItDelivered() throws Exception {
        long id = send("+6285500000101", "Jadwal ujian: Senin 08.00");
        awaitDelivered(id);
        JsonNode submit = smsc.events("submit_sm").stream().filter(e -> e.path("destination_addr").asText()
                .equals("6285500000101")).findFirst().orElseThrow();
        assertEquals("Jadwal ujian: Senin 08.00", submit.path("text").asText());
        assertEquals(0, submit.path("data_coding").asInt());
    }

    @Test
    void aLongUcs2MessageGoesInUdhPartsEachReceipted() throws Exception {
        String text = "Привет! " + "Это длинное сообщение. ".repeat(5);
        long id = send("+6285500000102", text);
        awaitDelivered(id);
        StringBuilder joined = new StringBuilder();
        smsc.events("submit_sm").stream().filter(e -> e.path("destination_addr").asText().equals("6285500000102"))
                .forEach(e -> {
                    assertEquals(8, e.path("data_coding").asInt());
                    joined.append(e.path("text").asText());
                });
        assertEquals(text, joined.toString());
        assertEquals(2L, ((Number) hub.query("SELECT cardinality(part_refs) AS n FROM outbound_sms WHERE id = ?", id)
                .get(0).get("n")).longValue());
    }

    @Test
    void anSmsNodeSmppDeliversReachesTheHub() throws Exception {
        await().atMost(WAIT).until(() -> !hub.query("SELECT 1 FROM inbound_sms WHERE originator = ?"
                + " AND text = 'REG QUIZ' AND channel = 'operator'", "+6285599999999").isEmpty());
        await().atMost(WAIT).until(() -> !smsc.events("mo_resp").isEmpty());
        assertEquals(0, smsc.events("mo_resp").get(0).path("command_status").asInt());
    }
}
