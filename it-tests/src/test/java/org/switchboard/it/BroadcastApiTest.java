package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.modem.sim.SimModem;

/**
 * Broadcasts over HTTP against the whole hub: planned from a filter and held with a preview, confirmed, sent by the
 * simulated modems (one number refused by the network) until DONE; its recipients page by page and as CSV agree with
 * what the network received, and its timeline ends on its final counts. A template naming an attribute some
 * recipients lack is refused; an opt-out over the API stops the contact's held SMS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BroadcastApiTest {
    private static final int CONTACTS = 24;
    private static final String SMA1 = "SMA N 1";
    private static final String SMA2 = "SMA N 2";

    @TempDir
    static Path dir;
    private InProcessHub hub;
    private ApiClient api;
    /** number -> school, of every contact */
    private final Map<String, String> schools = new LinkedHashMap<>();
    private String refused;

    @BeforeAll
    void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of(
                "switchboard.broadcast.report-poll-millis", "200",
                "switchboard.broadcast.report-grace-millis", "2000"));
        api = new ApiClient(hub.httpPort(), dir);
        StringBuilder csv = new StringBuilder("name,phone,school,major,ruang\n");
        for (int i = 0; i < CONTACTS; i++) {
            String school = i % 2 == 0 ? SMA1 : SMA2;
            String national = String.format("08125500%04d", i);
            // every third student has no room yet
            csv.append("Murid").append(i).append(" Test,").append(national).append(',').append(school).append(',')
                    .append(i % 4 < 2 ? "IPA" : "IPS").append(',').append(i % 3 == 0 ? "" : "R" + i).append('\n');
            schools.put("+628125500" + String.format("%04d", i), school);
        }
        ApiClient.expect(api.send("POST", "/api/contacts/import", "text/csv", csv.toString(), true), 200);
        refused = schools.entrySet().stream().filter(e -> e.getValue().equals(SMA1)).skip(2).findFirst().orElseThrow()
                .getKey();
        for (SimModem m : hub.hub().simulator().modems()) {
            m.failNumber(refused, 1); // unassigned number: permanent, no retry
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @Order(1)
    void aTemplateNamingAnAttributeSomeRecipientsLackIsRefused() throws Exception {
        JsonNode refusal = ApiClient.assertError(api.send("POST", "/api/broadcasts", "application/json",
                "{\"filter\": \"school=" + SMA1 + "\", \"template\": \"Halo {name}, ruang {ruang}\"}", true), 400,
                "broadcast refused");
        assertEquals("ruang", refusal.get("missing").get(0).get("placeholder").asText(), refusal.toString());
        // students 0, 6, 12, 18 of SMA N 1 have no room
        assertEquals(4, refusal.get("missing").get(0).get("recipients").asInt(), refusal.toString());
        assertEquals(0, api.get("/api/broadcasts").get("total").asInt());
    }

    @Test
    @Order(2)
    void aBroadcastFromAFilterIsPreviewedConfirmedAndReportedAsTheNetworkSawIt() throws Exception {
        JsonNode created = api.call("POST", "/api/broadcasts",
                "{\"filter\": {\"School\": \"" + SMA1 + "\"}, \"template\": \"Halo {first_name}, ujian hari Senin.\"}", 201);
        long id = created.get("id").asLong();
        assertEquals("AWAITING_CONFIRMATION", created.get("status").asText());
        JsonNode preview = created.get("preview");
        assertEquals(CONTACTS / 2, preview.get("recipients").asInt(), preview.toString());
        assertEquals(3, preview.get("samples").size());
        assertTrue(preview.get("samples").get(0).get("text").asText().matches("Halo Murid\\d+, ujian hari Senin\\."),
                preview.toString());
        assertEquals(CONTACTS / 2, created.get("progress").get("held").asInt());
        assertEquals(id, api.get("/api/broadcasts").get("broadcasts").get(0).get("id").asLong());
        assertTrue(sentTo(SMA1).isEmpty(), "nothing goes out before the confirm");

        JsonNode confirmed = api.call("POST", "/api/broadcasts/" + id + "/confirm", null, 200);
        assertTrue(confirmed.get("changed").asBoolean());
        assertFalse(api.call("POST", "/api/broadcasts/" + id + "/confirm", null, 200).get("changed").asBoolean());
        JsonNode done = await().atMost(InProcessHub.WAIT).until(() -> api.get("/api/broadcasts/" + id),
                b -> b.get("status").asText().equals("DONE"));
        JsonNode progress = done.get("progress");
        assertEquals(CONTACTS / 2 - 1, progress.get("sent").asInt(), done.toString());
        assertEquals(1, progress.get("failed").asInt(), done.toString());

        // page by page, 5 at a time
        Map<String, String> paged = new LinkedHashMap<>();
        for (int offset = 0; ; offset += 5) {
            JsonNode page = api.get("/api/broadcasts/" + id + "/recipients?offset=" + offset + "&limit=5");
            assertEquals(CONTACTS / 2, page.get("total").asInt());
            if (page.get("recipients").isEmpty()) {
                break;
            }
            assertTrue(page.get("recipients").size() <= 5);
            page.get("recipients").forEach(r -> paged.put(r.get("number").asText(), r.get("status").asText()));
        }
        Map<String, String> csv = new LinkedHashMap<>();
        HttpResponse<String> file = api.send("GET", "/api/broadcasts/" + id + "/recipients.csv", null, null, true);
        assertEquals(200, file.statusCode(), file.body());
        assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(file.body()))) {
            csv.put(r.get("number"), r.get("status"));
        }
        assertEquals(csv, paged, "the CSV and the pages list the same recipients in the same order");
        Set<String> accepted = new TreeSet<>();
        paged.forEach((n, s) -> {
            if (s.equals("sent") || s.equals("delivered")) {
                accepted.add(n);
            }
        });
        assertEquals(sentTo(SMA1), accepted, "every SMS the hub calls sent reached the network, and no other");
        assertEquals("failed", paged.get(refused));
        JsonNode failed = api.get("/api/broadcasts/" + id + "/recipients?status=failed");
        assertEquals(1, failed.get("total").asInt());
        assertEquals(refused, failed.get("recipients").get(0).get("number").asText());
        assertEquals(1, failed.get("recipients").get(0).get("errorCode").asInt());

        JsonNode buckets = api.get("/api/broadcasts/" + id + "/timeline").get("buckets");
        assertFalse(buckets.isEmpty());
        long sent = 0;
        long delivered = 0;
        long failures = 0;
        for (JsonNode b : buckets) {
            assertTrue(b.get("sent").asLong() >= sent && b.get("delivered").asLong() >= delivered
                    && b.get("failed").asLong() >= failures, "cumulative: " + buckets);
            sent = b.get("sent").asLong();
            delivered = b.get("delivered").asLong();
            failures = b.get("failed").asLong();
        }
        assertEquals(progress.get("sent").asLong(), sent, buckets.toString());
        assertEquals(progress.get("delivered").asLong(), delivered, buckets.toString());
        assertEquals(progress.get("failed").asLong(), failures, buckets.toString());

        assertTrue(hub.journal("broadcast").stream().anyMatch(j -> j.get("hop").equals("broadcast-planned")
                && String.valueOf(j.get("detail")).contains("API user admin")
                && ((Number) j.get("message_id")).longValue() == id), "journalled with the API user");
    }

    @Test
    @Order(3)
    void anOptOutOverTheApiStopsTheContactsHeldSms() throws Exception {
        JsonNode created = api.call("POST", "/api/broadcasts",
                "{\"filter\": \"school=" + SMA2 + "\", \"template\": \"Halo {first_name}, ruang {ruang}.\"}", 400);
        assertEquals("broadcast refused", created.get("error").asText());
        created = api.call("POST", "/api/broadcasts",
                "{\"filter\": \"school=" + SMA2 + "; major=IPS\", \"template\": \"Halo {first_name}, besok libur.\"}", 201);
        long id = created.get("id").asLong();
        int recipients = created.get("preview").get("recipients").asInt();
        assertEquals(6, recipients, created.toString());
        JsonNode contact = api.get("/api/contacts?filter=" + enc("school=" + SMA2 + "; major=IPS") + "&limit=1")
                .get("contacts").get(0);
        String number = contact.get("number").asText();
        JsonNode optedOut = api.call("POST", "/api/contacts/" + contact.get("id").asLong() + "/opt-out", null, 200);
        assertTrue(optedOut.get("optedOut").asBoolean(), optedOut.toString());

        JsonNode cancelled = api.get("/api/broadcasts/" + id + "/recipients?status=cancelled");
        assertEquals(1, cancelled.get("total").asInt(), cancelled.toString());
        assertEquals(number, cancelled.get("recipients").get(0).get("number").asText());
        assertTrue(cancelled.get("recipients").get(0).get("error").asText().contains("opted out"));
        api.call("POST", "/api/broadcasts/" + id + "/confirm", null, 200);
        JsonNode done = await().atMost(InProcessHub.WAIT).until(() -> api.get("/api/broadcasts/" + id),
                b -> b.get("status").asText().equals("DONE"));
        assertEquals(recipients - 1, done.get("progress").get("sent").asInt(), done.toString());
        assertEquals(1, done.get("progress").get("cancelled").asInt(), done.toString());
        assertFalse(hub.delivered().stream().anyMatch(d -> d.to().equals(number) && d.text().contains("libur")));
        assertEquals(recipients - 1, hub.delivered().stream().filter(d -> d.text().contains("besok libur")).count());
        assertTrue(hub.journal("contact").stream().anyMatch(j -> j.get("hop").equals("opted-out")));

        JsonNode optedIn = api.call("POST", "/api/contacts/" + contact.get("id").asLong() + "/opt-in", null, 200);
        assertFalse(optedIn.get("optedOut").asBoolean(), optedIn.toString());
    }

    @Test
    @Order(4)
    void badRequestsAreAnsweredWithJsonAndA4xx() throws Exception {
        long some = api.get("/api/broadcasts").get("broadcasts").get(0).get("id").asLong();
        ApiClient.assertError(api.send("POST", "/api/broadcasts", "application/json", "{\"filter\": ", true), 400,
                "not valid JSON");
        ApiClient.assertError(api.send("POST", "/api/broadcasts", "application/json",
                "{\"filter\": \"major=IPA\", \"templat\": \"x\"}", true), 400, "unknown field");
        ApiClient.assertError(api.send("POST", "/api/broadcasts", "application/json", "{\"filter\": \"major=IPA\"}",
                true), 400, "no template");
        ApiClient.assertError(api.send("POST", "/api/broadcasts", "application/json", "{\"template\": \"x\"}", true),
                400, "segment or give a filter");
        ApiClient.assertError(api.send("POST", "/api/broadcasts", "application/json",
                "{\"segment\": \"nope\", \"template\": \"x\"}", true), 400, "no segment called");
        ApiClient.assertError(api.send("POST", "/api/broadcasts", "application/json",
                "{\"filter\": \"major\", \"template\": \"x\"}", true), 400, "has no '='");
        ApiClient.assertError(api.send("POST", "/api/broadcasts", "application/json",
                "{\"filter\": \"major=Seni\", \"template\": \"x\"}", true), 400, "no recipient");
        ApiClient.assertError(api.send("GET", "/api/broadcasts/" + some + "/recipients?limit=5000", null, null, true), 400,
                "limit must be");
        ApiClient.assertError(api.send("GET", "/api/broadcasts/" + some + "/recipients?status=lost", null, null, true), 400,
                "status is one of");
        ApiClient.assertError(api.send("GET", "/api/broadcasts/999999/timeline", null, null, true), 404,
                "no such broadcast");
        ApiClient.assertError(api.send("DELETE", "/api/broadcasts", null, null, true), 405, "method not allowed");
        ApiClient.assertError(api.send("GET", "/api/broadcasts/" + some + "/confirm", null, null, true), 405, "use POST");
        ApiClient.assertError(api.send("GET", "/api/broadcasts", null, null, false), 401, "credentials required");
    }

    /** The numbers of one school the simulated network received an SMS for. */
    private Set<String> sentTo(String school) {
        Set<String> out = new TreeSet<>();
        for (DeliveredSms d : hub.delivered()) {
            if (school.equals(schools.get(d.to()))) {
                out.add(d.to());
            }
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
