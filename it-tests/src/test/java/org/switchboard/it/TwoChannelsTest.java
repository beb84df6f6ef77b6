package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.modem.sim.SimModem;

/**
 * The whole hub with two channels, each a pool of two simulated modems over TCP: {@code alpha} (gsm1, gsm2) carries
 * Telkomsel-like prefixes, {@code beta} (gsm3, gsm4) another operator's, and both carry the +62813 numbers of a
 * broadcast. Routing by prefix sends each SMS through the right pool; when alpha's modems lose the network in the
 * middle of a broadcast, beta carries the rest, with no recipient lost and none texted twice; the journal names the
 * channel of every SMS.
 */
class TwoChannelsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private InProcessHub hub;
    private ApiClient api;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private void start() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "switchboard.simulator.modems", "4",
                "switchboard.channel.alpha.modems", "gsm1,gsm2",
                "switchboard.channel.alpha.allowed-prefix", "+62811;+62813",
                "switchboard.channel.beta.modems", "gsm3,gsm4",
                "switchboard.channel.beta.allowed-prefix", "+62812;+62813",
                "switchboard.dispatch.modem-pause-millis", "200",
                "switchboard.dispatch.modem-pause-max-millis", "1000"));
        hub = InProcessHub.start(dir, settings);
        api = new ApiClient(hub.httpPort(), dir);
        DispatchTest.awaitModemsUp(hub.hub());
    }

    /** Who delivered what: each simulated modem's deliveries, by the modem's id (1..4). */
    private Map<String, Integer> deliveredBy() {
        Map<String, Integer> by = new HashMap<>();
        for (SimModem m : hub.hub().simulator().modems()) {
            for (DeliveredSms d : m.delivered()) {
                by.merge(d.to(), m.id(), (a, b) -> -1); // -1: delivered by two modems
            }
        }
        return by;
    }

    private static String channelOf(int modem) {
        return modem <= 2 ? "alpha" : "beta";
    }

    @Test
    void eachSmsLeavesThroughTheChannelItsPrefixIsRoutedTo() throws Exception {
        start();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            numbers.add("+6281100001" + (10 + i));
            numbers.add("+6281200001" + (10 + i));
        }
        String to = numbers.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","));
        JsonNode accepted = api.call("POST", "/api/sms", "{\"to\": [" + to + "], \"text\": \"Jadwal ujian\"}", 202);
        assertEquals(numbers.size(), accepted.get("accepted").size());
        await().atMost(WAIT).until(() -> deliveredBy().size() == numbers.size());
        deliveredBy().forEach((number, modem) -> assertEquals(number.startsWith("+62811") ? "alpha" : "beta",
                channelOf(modem), number + " went through modem " + modem));
        for (JsonNode a : accepted.get("accepted")) {
            String id = a.get("id").asText();
            String number = a.get("number").asText();
            JsonNode hops = api.get("/api/messages/" + id + "/hops").get("hops");
            String sent = hopDetail(hops, "sent");
            assertTrue(sent.contains("via channel " + (number.startsWith("+62811") ? "alpha" : "beta")), sent);
        }
    }

    @Test
    void aChannelLosingTheNetworkMidBroadcastLeavesTheRestToTheOtherWithNoneLostOrTwice() throws Exception {
        start();
        int contacts = 200;
        StringBuilder csv = new StringBuilder("name,phone,batch\n");
        for (int i = 0; i < contacts; i++) {
            csv.append("Alumni").append(i).append(",0813").append(String.format("%08d", i)).append(",2018\n");
        }
        ApiClient.expect(api.send("POST", "/api/contacts/import", "text/csv", csv.toString(), true), 200);
        // A network that takes 15 ms per SMS, so that the broadcast is still under way when alpha goes down.
        hub.hub().simulator().modems().forEach(m -> m.latency(15));
        long id = api.call("POST", "/api/broadcasts", "{\"filter\": \"batch=2018\", \"template\": \"Reuni {name}\"}",
                201).get("id").asLong();
        api.call("POST", "/api/broadcasts/" + id + "/confirm", null, 200);
        await().atMost(WAIT).until(() -> deliveredBy().values().stream().filter(m -> m <= 2).count() >= 30);
        hub.hub().simulator().modem(1).registered(false);
        hub.hub().simulator().modem(2).registered(false);
        long alphaAtOutage = deliveredBy().values().stream().filter(m -> m <= 2).count();

        await().atMost(WAIT).until(() -> ((Number) hub.query("SELECT count(*) AS n FROM outbound_sms"
                + " WHERE broadcast_id = ? AND status IN ('PENDING', 'SENDING')", id).get(0).get("n")).longValue() == 0);
        Map<String, Integer> by = deliveredBy();
        assertEquals(contacts, by.size(), "every recipient got the broadcast");
        assertTrue(by.values().stream().noneMatch(m -> m < 0), "no recipient got it twice: " + by);
        long alpha = by.values().stream().filter(m -> m <= 2).count();
        assertTrue(alpha <= alphaAtOutage + 2, "alpha sent at most what its modems had in hand: " + alpha);
        assertTrue(by.size() - alpha >= contacts - alphaAtOutage - 2, "beta carried the rest");
        assertEquals(Set.of("SENT"), Set.copyOf(hub.query("SELECT status FROM outbound_sms WHERE broadcast_id = ?", id)
                .stream().map(r -> (String) r.get("status")).toList()));
        assertEquals(0L, ((Number) hub.query("SELECT count(*) AS n FROM outbound_sms WHERE broadcast_id = ?"
                + " AND possible_duplicate", id).get(0).get("n")).longValue());

        // The journal names the channel of every SMS, and it is the channel whose modem delivered it.
        hub.hub().journal().flush();
        List<Map<String, Object>> sent = hub.query("SELECT o.recipient, substring(j.detail from 'via channel ([a-z]+)')"
                + " AS channel FROM journal j JOIN outbound_sms o ON o.id = j.message_id AND j.message_kind = 'outbound_sms'"
                + " WHERE o.broadcast_id = ? AND j.hop = 'sent' AND j.error IS NULL", id);
        assertEquals(contacts, sent.size());
        for (Map<String, Object> row : sent) {
            assertEquals(channelOf(by.get((String) row.get("recipient"))), row.get("channel"), row.toString());
        }
    }

    private static String hopDetail(JsonNode hops, String hop) {
        for (JsonNode h : hops) {
            if (h.get("hop").asText().equals(hop)) {
                return h.get("detail").asText();
            }
        }
        throw new AssertionError("no " + hop + " hop in " + hops);
    }
}
