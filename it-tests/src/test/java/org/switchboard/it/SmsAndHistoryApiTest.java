package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /api/sms and GET /api/messages against the whole hub: an SMS sent over HTTP reaches the simulated network and
 * shows in the history as SENT with its journal trail; every history filter narrows to exactly the SMS it should
 * (contact attributes, and texts holding % and _ taken literally); bad input gets a JSON 4xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmsAndHistoryApiTest {
    private static final String BUDI = "+6281270000001";
    private static final String SITI = "+6281270000002";
    private static final String AGUS = "+6281270000003";
    private static final String DEWI = "+6281270000004";
    private static final String STRANGER = "+6281399990000";

    @TempDir
    static Path dir;
    private InProcessHub hub;
    private ApiClient api;

    @BeforeAll
    void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of());
        api = new ApiClient(hub.httpPort(), dir);
        JsonNode report = ApiClient.expect(api.send("POST", "/api/contacts/import", "text/csv",
                "name,phone,school,major\n"
                        + "Budi Santoso,0812-7000-0001,SMA N 1,IPA\n"
                        + "Siti_Rahma,0812-7000-0002,SMA N 2,IPA\n"
                        + "Agus 100%,0812-7000-0003,SMA N 1,IPS\n"
                        + "Dewi,0812-7000-0004,SMA N 2,IPS\n", true), 200);
        assertEquals(4, report.get("created").asInt(), report.toString());
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @Order(1)
    void anSmsSentOverHttpIsDeliveredAndShowsSentWithItsTrail() throws Exception {
        JsonNode answer = api.call("POST", "/api/sms", "{\"to\": [\"0812 7000 0001\", \"12ab\"], \"text\": \"Halo Budi\"}",
                202);
        assertEquals(1, answer.get("accepted").size(), answer.toString());
        JsonNode accepted = answer.get("accepted").get(0);
        assertEquals(BUDI, accepted.get("number").asText());
        String id = accepted.get("id").asText();
        assertTrue(id.startsWith("out-"), id);
        assertEquals("12ab", answer.get("rejected").get(0).get("to").asText());
        assertEquals("not a phone number", answer.get("rejected").get(0).get("error").asText());

        await().atMost(InProcessHub.WAIT).until(() -> hub.delivered().stream()
                .anyMatch(d -> d.to().equals(BUDI) && d.text().equals("Halo Budi")));
        JsonNode item = await().atMost(InProcessHub.WAIT).until(
                () -> api.get("/api/messages?direction=out&number=" + enc(BUDI)).get("items").get(0),
                i -> i.get("status").asText().equals("SENT"));
        assertEquals(id, item.get("id").asText());
        assertEquals("Budi Santoso", item.get("name").asText());
        assertEquals("SMA N 1", item.get("attributes").get("school").asText());
        assertEquals("Halo Budi", item.get("text").asText());

        // the journal is written in batches, after the status it tells of
        JsonNode hops = await().atMost(InProcessHub.WAIT).until(() -> {
            hub.hub().journal().flush();
            return api.get("/api/messages/" + id + "/hops").get("hops");
        }, h -> h.toString().contains("\"sent\""));
        List<String> names = new ArrayList<>();
        hops.forEach(h -> names.add(h.get("hop").asText()));
        assertEquals("sms-stored", names.get(0), hops.toString());
        assertTrue(hops.get(0).get("detail").asText().contains("API user admin"), hops.toString());
        assertTrue(names.contains("sent"), hops.toString());
    }

    @Test
    @Order(2)
    void eachHistoryFilterNarrowsToWhatItShould() throws Exception {
        // An inbound SMS's time is the network's time stamp, in whole seconds: start on a second of its own, after
        // the first test's SMS, so that since= and until= split the two tests' SMS exactly.
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        await().atMost(InProcessHub.WAIT).until(() -> !Instant.now().isBefore(start));
        send(SITI, "Nilai 100% lulus");
        send(AGUS, "kode a_b");
        send(DEWI, "1000 peserta, kode axb");
        hub.hub().simulator().modem(1).inbound(SITI, "Terima kasih");
        hub.hub().simulator().modem(1).inbound(STRANGER, "Promo pulsa");
        await().atMost(InProcessHub.WAIT).until(() -> {
            JsonNode all = api.get("/api/messages?since=" + enc(start.toString()));
            return all.get("total").asInt() == 5 && statuses(all).equals(Set.of("SENT", "EMAILED"));
        });

        String since = "&since=" + enc(start.toString());
        assertEquals(List.of(SITI, SITI), numbers("number=" + enc("0812-7000-0002")));
        assertEquals(List.of(SITI, SITI), numbers("number=70000002"));
        assertEquals(List.of(STRANGER), numbers("number=" + enc("0813 9999") + since));
        // a literal "_": only Siti_Rahma; unescaped it would match every name of two letters or more
        assertEquals(List.of(SITI, SITI), numbers("name=_"));
        assertEquals(List.of(AGUS), numbers("name=" + enc("100%")));
        // "100%" is in Siti's text and "1000" in Dewi's; "a_b" in Agus's and "axb" in Dewi's
        assertEquals(List.of("Nilai 100% lulus"), texts("text=" + enc("100%")));
        assertEquals(List.of("kode a_b"), texts("text=" + enc("a_b")));
        assertEquals(Set.of("Promo pulsa", "Terima kasih"), new TreeSet<>(texts("direction=in")));
        assertEquals(List.of("1000 peserta, kode axb", "kode a_b", "Nilai 100% lulus"), texts("direction=out" + since));
        assertEquals(Set.of("SENT"), statuses(api.get("/api/messages?status=sent")));
        assertEquals(4, api.get("/api/messages?status=SENT").get("total").asInt());
        // (an inbound SMS's time is in whole seconds, so its place among SMS of the same second is not fixed)
        assertEquals(Set.of("Terima kasih", "Nilai 100% lulus"),
                new TreeSet<>(texts("attr.school=" + enc("SMA N 2") + "&attr.major=IPA")));
        assertEquals(new TreeSet<>(List.of(BUDI, AGUS)), new TreeSet<>(numbers("attr.school=" + enc("SMA N 1"))));
        assertEquals(List.of(AGUS), numbers("attr.School=" + enc("SMA N 1") + "&attr.major=IPS"));
        assertEquals(List.of(), numbers("attr.school=" + enc("SMA N 9")));
        assertEquals(List.of("Halo Budi"), texts("until=" + enc(start.toString())));
        assertEquals(5, api.get("/api/messages?until=" + LocalDate.now().plusDays(1) + since).get("total").asInt());

        JsonNode page = api.get("/api/messages?offset=1&limit=2");
        assertEquals(6, page.get("total").asInt());
        assertEquals(2, page.get("items").size());
        assertEquals(1, page.get("offset").asInt());
        JsonNode all = api.get("/api/messages");
        assertEquals(all.get("items").get(1), page.get("items").get(0));
        assertEquals(all.get("items").get(2), page.get("items").get(1));
        List<String> times = new ArrayList<>();
        all.get("items").forEach(i -> times.add(i.get("at").asText()));
        for (int i = 1; i < times.size(); i++) {
            assertFalse(Instant.parse(times.get(i)).isAfter(Instant.parse(times.get(i - 1))), "newest first: " + times);
        }
    }

    @Test
    @Order(3)
    void badInputIsAnsweredWithJsonAndA4xx() throws Exception {
        ApiClient.assertError(api.send("GET", "/api/messages", null, null, false), 401, "credentials required");
        ApiClient.assertError(api.send("POST", "/api/sms", "application/json", "{\"to\": \"+6281270000001\"", true), 400,
                "not valid JSON");
        ApiClient.assertError(api.send("POST", "/api/sms", "application/json", "[1, 2]", true), 400, "JSON object");
        ApiClient.assertError(api.send("POST", "/api/sms", "application/json", "{\"to\": \"+6281270000001\"}", true),
                400, "no text");
        ApiClient.assertError(api.send("POST", "/api/sms", "application/json", "{\"text\": \"x\"}", true), 400,
                "no recipient");
        JsonNode none = ApiClient.assertError(api.send("POST", "/api/sms", "application/json",
                "{\"to\": [\"abc\", 5], \"text\": \"x\"}", true), 400, "no valid recipient");
        assertEquals(2, none.get("rejected").size(), none.toString());
        ApiClient.assertError(api.send("POST", "/api/sms", "application/json",
                "{\"to\": \"+6281270000001\", \"text\": \"" + "x".repeat(2000) + "\"}", true), 400, "too long");
        ApiClient.assertError(api.send("POST", "/api/sms", "application/json",
                "{\"to\": \"+6281270000001\", \"text\": \"" + "x".repeat(300_000) + "\"}", true), 413, "too large");
        ApiClient.assertError(api.send("GET", "/api/sms", null, null, true), 405, "use POST");
        ApiClient.assertError(api.send("GET", "/api/messages?since=yesterday", null, null, true), 400, "ISO-8601");
        ApiClient.assertError(api.send("GET", "/api/messages?until=2026-13-01", null, null, true), 400, "ISO-8601");
        ApiClient.assertError(api.send("GET", "/api/messages?since=2026-11-02&until=2026-11-01", null, null, true), 400,
                "before");
        ApiClient.assertError(api.send("GET", "/api/messages?limit=100000", null, null, true), 400, "limit must be");
        ApiClient.assertError(api.send("GET", "/api/messages?offset=-1", null, null, true), 400, "offset must be");
        ApiClient.assertError(api.send("GET", "/api/messages?direction=up", null, null, true), 400, "in or out");
        ApiClient.assertError(api.send("GET", "/api/messages?status=LOST", null, null, true), 400, "unknown status");
        ApiClient.assertError(api.send("GET", "/api/messages?nmber=1", null, null, true), 400, "unknown query parameter");
        ApiClient.assertError(api.send("GET", "/api/messages?attr.=x", null, null, true), 400, "attribute name");
        ApiClient.assertError(api.send("POST", "/api/messages", "application/json", "{}", true), 405, "use GET");
        // nothing of the refused requests was queued
        assertEquals(4L, hub.query("SELECT count(*) AS n FROM outbound_sms").get(0).get("n"));
    }

    private void send(String to, String text) throws Exception {
        JsonNode answer = api.call("POST", "/api/sms", ApiClient.JSON.writeValueAsString(Map.of("to", to, "text", text)),
                202);
        assertEquals(1, answer.get("accepted").size(), answer.toString());
    }

    private List<String> numbers(String query) throws Exception {
        List<String> out = new ArrayList<>();
        api.get("/api/messages?" + query).get("items").forEach(i -> out.add(i.get("number").asText()));
        return out;
    }

    private List<String> texts(String query) throws Exception {
        List<String> out = new ArrayList<>();
        api.get("/api/messages?" + query).get("items").forEach(i -> out.add(i.get("text").asText()));
        return out;
    }

    private static Set<String> statuses(JsonNode page) {
        Set<String> out = new TreeSet<>();
        page.get("items").forEach(i -> out.add(i.get("status").asText()));
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
