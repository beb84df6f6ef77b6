package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.contacts.ContactCsvFixtures;
import org.switchboard.contacts.ContactStore;
import org.switchboard.hub.Hub;
import org.switchboard.hub.config.Settings;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * Contacts and segments over the hub's HTTP API, the hub running in this JVM: a CSV posted and its report read back,
 * filters, segments with their reach, JSON errors, and camel-jetty sending each /api path to the route that owns it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 400;
    private static final int INVALID = 9;
    private static final long SEED = 11;

    @TempDir
    static Path dir;
    private TestDatabase db;
    private Hub hub;
    private ApiClient api;

    @BeforeAll
    void start() throws Exception {
        db = TestDatabases.create();
        Map<String, String> settings = InProcessHub.testSettings(dir, db.url());
        api = new ApiClient(Integer.parseInt(settings.get("switchboard.http.port")), dir);
        hub = Hub.start(Settings.of(settings));
        HttpResponse<String> imported = send("POST", "/api/contacts/import", "text/csv",
                "\uFEFF" + ContactCsvFixtures.csv(ROWS, INVALID, SEED), true);
        assertEquals(200, imported.statusCode(), imported.body());
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aPostedCsvIsImportedAndItsReportSaysWhichLinesWereRejected() throws Exception {
        // the same file again: every valid row is a known contact, with nothing new
        HttpResponse<String> r = send("POST", "/api/contacts/import", "text/csv; charset=utf-8",
                ContactCsvFixtures.csv(ROWS, INVALID, SEED), true);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.headers().firstValue("Authorization").isEmpty(), "the request's credentials are not echoed back");
        JsonNode report = JSON.readTree(r.body());
        assertEquals(ROWS, report.get("rowsRead").asInt());
        assertEquals(0, report.get("created").asInt());
        assertEquals(0, report.get("updated").asInt());
        assertEquals(ROWS - INVALID, report.get("unchanged").asInt());
        List<Long> expected = ContactCsvFixtures.rows(ROWS, INVALID, SEED).stream().filter(x -> x.e164() == null)
                .map(ContactCsvFixtures.Row::line).toList();
        List<Long> lines = new java.util.ArrayList<>();
        report.get("rejected").forEach(x -> lines.add(x.get("line").asLong()));
        assertEquals(expected, lines);
        assertTrue(report.get("rejected").get(0).get("reason").asText().length() > 0);
    }

    @Test
    void eachApiPathReachesTheRouteThatOwnsIt() throws Exception {
        // HttpApiRoute still answers /api/messages/...: its own "no message" 404, not camel-jetty's empty one
        HttpResponse<String> hops = send("GET", "/api/messages/in-424242/hops", null, null, true);
        assertEquals(404, hops.statusCode());
        assertTrue(hops.headers().firstValue("Authorization").isEmpty());
        assertTrue(hops.body().contains("no message in-424242"), hops.body());
        HttpResponse<String> list = send("GET", "/api/contacts?limit=1", null, null, true);
        assertEquals(200, list.statusCode(), list.body());
        assertEquals(ROWS - INVALID, JSON.readTree(list.body()).get("total").asInt());
        assertEquals(200, send("GET", "/api/segments", null, null, true).statusCode());
        HttpResponse<String> unknown = send("GET", "/api/contacts/nothing-here", null, null, true);
        assertEquals(404, unknown.statusCode());
        assertEquals("no such resource", JSON.readTree(unknown.body()).get("error").asText());
        // and an /api path nobody else claims stays HttpApiRoute's
        HttpResponse<String> other = send("GET", "/api/nothing", null, null, true);
        assertEquals(404, other.statusCode());
        assertEquals("no such resource: /api/nothing", JSON.readTree(other.body()).get("error").asText());
    }

    @Test
    void contactsByFilterPageByPage() throws Exception {
        String filter = "school=SMA N 1 Yogyakarta; major=IPA";
        long expected = ContactCsvFixtures.rows(ROWS, INVALID, SEED).stream().filter(x -> x.e164() != null)
                .filter(x -> x.school().equals("SMA N 1 Yogyakarta") && x.major().equals("IPA")).count();
        JsonNode page = JSON.readTree(send("GET", "/api/contacts?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)
                + "&offset=1&limit=3", null, null, true).body());
        assertEquals(expected, page.get("total").asLong());
        assertEquals(3, page.get("contacts").size());
        JsonNode first = page.get("contacts").get(0);
        assertEquals("IPA", first.get("attributes").get("major").asText());
        assertTrue(first.get("number").asText().startsWith("+62812"));
    }

    @Test
    void segmentsSavedReadAndDeleted() throws Exception {
        HttpResponse<String> created = send("PUT", "/api/segments/SMA1-IPA", "application/json",
                "{\"filter\": \"school=SMA N 1 Yogyakarta; major=IPA\", \"description\": \"IPA alumni\"}", true);
        assertEquals(201, created.statusCode(), created.body());
        long matching = JSON.readTree(created.body()).get("contacts").asLong();
        assertTrue(matching > 2);
        String someone = ContactCsvFixtures.rows(ROWS, INVALID, SEED).stream().filter(x -> x.e164() != null)
                .filter(x -> x.school().equals("SMA N 1 Yogyakarta") && x.major().equals("IPA")).findFirst()
                .orElseThrow().e164();
        new ContactStore(hub.database().dataSource()).optOut(someone, "STOP");

        JsonNode segment = JSON.readTree(send("GET", "/api/segments/sma1-ipa", null, null, true).body());
        assertEquals("sma1-ipa", segment.get("name").asText());
        assertEquals("IPA", segment.get("filter").get("major").asText());
        assertEquals("IPA alumni", segment.get("description").asText());
        assertEquals(matching - 1, segment.get("contacts").asLong());
        assertEquals(1, segment.get("optedOut").asLong());

        HttpResponse<String> replaced = send("PUT", "/api/segments/sma1-ipa", "application/json",
                "{\"filter\": {\"Major\": \"IPA\"}}", true);
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertEquals("major = IPA", JSON.readTree(replaced.body()).get("describe").asText());
        assertTrue(send("GET", "/api/segments", null, null, true).body().contains("\"sma1-ipa\""));

        assertEquals(200, send("DELETE", "/api/segments/sma1-ipa", null, null, true).statusCode());
        HttpResponse<String> gone = send("GET", "/api/segments/sma1-ipa", null, null, true);
        assertEquals(404, gone.statusCode());
        assertEquals("no such segment", JSON.readTree(gone.body()).get("error").asText());
        assertEquals(404, send("DELETE", "/api/segments/sma1-ipa", null, null, true).statusCode());
    }

    @Test
    void oneContactReadEditedWithItsNumberCheckedAgain() throws Exception {
        JsonNode listed = JSON.readTree(send("GET", "/api/contacts?offset=5&limit=2", null, null, true).body())
                .get("contacts");
        long id = listed.get(0).get("id").asLong();
        String otherNumber = listed.get(1).get("number").asText();
        JsonNode one = JSON.readTree(send("GET", "/api/contacts/" + id, null, null, true).body());
        assertEquals(listed.get(0), one);

        HttpResponse<String> bad = send("PATCH", "/api/contacts/" + id, "application/json",
                "{\"number\": \"0812-ABC\", \"attributes\": {\"major\": [1]}, \"nickname\": \"x\"}", true);
        assertError(bad, 400, "invalid contact");
        JsonNode fields = JSON.readTree(bad.body()).get("fields");
        assertEquals("not a phone number: 0812-ABC", fields.get("number").asText(), bad.body());
        assertTrue(fields.has("attributes.major") && fields.has("nickname"), bad.body());
        assertEquals(one, JSON.readTree(send("GET", "/api/contacts/" + id, null, null, true).body()),
                "a refused edit changes nothing");
        assertError(send("PATCH", "/api/contacts/" + id, "application/json",
                "{\"number\": \"" + otherNumber + "\"}", true), 409, "another contact");

        HttpResponse<String> edited = send("PATCH", "/api/contacts/" + id, "application/json",
                "{\"name\": \"  Budi   Baru \", \"number\": \"0812 9999 0001\","
                        + " \"attributes\": {\"Wali Kelas\": \"Bu Sri\"}}", true);
        assertEquals(200, edited.statusCode(), edited.body());
        JsonNode now = JSON.readTree(edited.body());
        assertEquals("Budi Baru", now.get("name").asText());
        assertEquals("+6281299990001", now.get("number").asText());
        assertEquals("Bu Sri", now.get("attributes").get("wali_kelas").asText());
        assertEquals(one.get("attributes").get("school"), now.get("attributes").get("school"));
        // (the other tests count schools and majors: only the attribute added here is taken away again)
        JsonNode removed = JSON.readTree(send("PATCH", "/api/contacts/" + id, "application/json",
                "{\"attributes\": {\"wali_kelas\": null}}", true).body());
        assertEquals(one.get("attributes"), removed.get("attributes"));
        assertEquals("Budi Baru", removed.get("name").asText());
        assertError(send("GET", "/api/contacts/987654321", null, null, true), 404, "no such contact");
        assertError(send("DELETE", "/api/contacts/" + id, null, null, true), 405, "GET, PATCH");
    }

    @Test
    void attributeValuesAndTheReachOfAFilter() throws Exception {
        JsonNode values = JSON.readTree(send("GET", "/api/contacts/attributes", null, null, true).body());
        assertTrue(values.get("school").toString().contains("SMA N 1 Yogyakarta"), values.toString());
        String filter = "school=SMA N 1 Yogyakarta";
        long matching = ContactCsvFixtures.rows(ROWS, INVALID, SEED).stream().filter(x -> x.e164() != null)
                .filter(x -> x.school().equals("SMA N 1 Yogyakarta")).count();
        JsonNode count = JSON.readTree(send("GET", "/api/contacts/count?filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8), null, null, true).body());
        assertEquals(matching, count.get("matching").asLong(), count.toString());
        assertEquals(matching - count.get("optedOut").asLong(), count.get("count").asLong());
        assertEquals(ROWS - INVALID, JSON.readTree(send("GET", "/api/contacts/count", null, null, true).body())
                .get("matching").asLong());
        assertError(send("GET", "/api/contacts/count?filter=school", null, null, true), 400, "has no '='");
    }

    @Test
    void mistakesAreAnsweredWithJsonAndA4xx() throws Exception {
        assertError(send("GET", "/api/contacts", null, null, false), 401, "credentials required");
        assertError(send("GET", "/api/segments", null, null, false), 401, "credentials required");
        assertError(send("GET", "/api/contacts?filter=school", null, null, true), 400, "has no '='");
        assertError(send("GET", "/api/contacts?limit=-1", null, null, true), 400, "limit must be");
        assertError(send("PUT", "/api/segments/-bad", "application/json", "{\"filter\": \"major=IPA\"}", true), 400,
                "cannot be a segment name");
        assertError(send("PUT", "/api/segments/ok", "application/json", "{\"description\": \"x\"}", true), 400,
                "filter");
        assertError(send("PUT", "/api/segments/ok", "application/json", "{oops", true), 400, "not valid JSON");
        assertError(send("POST", "/api/contacts/import", "text/csv", "name,school\nBudi,SMA\n", true), 400,
                "no phone number column");
        assertError(send("POST", "/api/contacts/import", "text/csv; charset=utf-8",
                "name,phone,school\nBudi,081234567890,SMA \u00ff\n".getBytes(StandardCharsets.ISO_8859_1), true), 400,
                "not UTF-8");
        assertError(send("GET", "/api/contacts/import", null, null, true), 405, "method not allowed");
        assertError(send("POST", "/api/segments", "application/json", "{}", true), 405, "method not allowed");
    }

    private static void assertError(HttpResponse<String> r, int status, String expected) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
        JsonNode body = JSON.readTree(r.body());
        String text = body.get("error").asText() + " " + body.path("detail").asText();
        assertTrue(text.contains(expected), r.body());
    }

    private HttpResponse<String> send(String method, String path, String type, Object body, boolean authorised)
            throws Exception {
        return api.send(method, path, type, body, authorised);
    }
}
