package org.switchboard.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.contacts.ContactStore;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link SegmentsApiRoute} on the hub's Jetty with a real PostgreSQL: a segment is created (201) and replaced (200)
 * with PUT, read back with the contacts it reaches (those who opted out apart), listed and deleted; a body without a
 * usable filter, a bad name or a missing credential saves nothing, and an unknown segment is 404.
 */
class SegmentsApiRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private final ContactStore contacts = new ContactStore(db.dataSource());
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        contacts.importCsv(new StringReader("name,phone,school,major\nBudi,081234567890,SMA N 1,IPA\n"
                + "Siti,081234567891,SMA N 1,IPS\nDewi,081234567892,SMA N 2,IPA\n"), "ID");
        http = TestHttp.create(db.dataSource());
        http.add(new SegmentsApiRoute(contacts, new SegmentStore(db.dataSource()))).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    @Test
    void aSegmentIsSavedReadWithItsReachListedAndDeleted() throws Exception {
        JsonNode created = TestHttp.json(http.asAdmin("PUT", "/api/segments/SMA1",
                "{\"filter\": \"school=SMA N 1\", \"description\": \"kelas 12\"}"), 201);
        assertEquals("sma1", created.get("name").asText());
        assertEquals("SMA N 1", created.get("filter").get("school").asText());
        assertEquals(2, created.get("contacts").asInt(), created.toString());
        assertEquals("admin (HTTP API)", created.get("createdBy").asText());
        assertEquals("kelas 12", TestRows.text(db.dataSource(), "SELECT description FROM segment WHERE name = 'sma1'"));

        // replaced, by a filter given as an object this time
        JsonNode replaced = TestHttp.json(http.asAdmin("PUT", "/api/segments/sma1",
                "{\"filter\": {\"school\": \"SMA N 1\", \"major\": \"IPA\"}}"), 200);
        assertEquals(1, replaced.get("contacts").asInt(), replaced.toString());
        assertEquals(1, TestRows.count(db.dataSource(), "SELECT count(*) FROM segment"));
        TestHttp.json(http.asAdmin("PUT", "/api/segments/ipa", "{\"filter\": \"major=IPA\"}"), 201);

        contacts.optOut("+6281234567892", "STOP");
        JsonNode ipa = TestHttp.json(http.asAdmin("GET", "/api/segments/IPA", null), 200);
        assertEquals(1, ipa.get("contacts").asInt(), "Dewi opted out: " + ipa);
        assertEquals(1, ipa.get("optedOut").asInt(), ipa.toString());
        assertEquals(List.of("ipa", "sma1"), names(TestHttp.json(http.asAdmin("GET", "/api/segments", null), 200)));

        assertEquals("sma1", TestHttp.json(http.asAdmin("DELETE", "/api/segments/SMA1", null), 200).get("deleted")
                .asText());
        assertEquals(List.of("ipa"), names(TestHttp.json(http.asAdmin("GET", "/api/segments", null), 200)));
        TestHttp.error(http.asAdmin("GET", "/api/segments/sma1", null), 404, "no such segment");
        TestHttp.error(http.asAdmin("DELETE", "/api/segments/sma1", null), 404, "no such segment");
    }

    @Test
    void aBodyWithoutAUsableFilterABadNameOrNoCredentialSavesNothing() throws Exception {
        TestHttp.error(http.asAdmin("PUT", "/api/segments/x", "{\"description\": \"no filter\"}"), 400,
                "with a filter");
        TestHttp.error(http.asAdmin("PUT", "/api/segments/x", "{\"filter\": 5}"), 400, "filter must be a text");
        TestHttp.error(http.asAdmin("PUT", "/api/segments/x", "{\"filter\": \"school\"}"), 400, "has no '='");
        TestHttp.error(http.asAdmin("PUT", "/api/segments/x", "school=SMA N 1"), 400, "not valid JSON");
        TestHttp.error(http.asAdmin("PUT", "/api/segments/-x", "{\"filter\": \"school=SMA N 1\"}"), 400,
                "cannot be a segment name");
        TestHttp.error(http.send("PUT", "/api/segments/x", "{\"filter\": \"school=SMA N 1\"}"), 401,
                "credentials required");
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM segment"));
    }

    private static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("segments").forEach(s -> out.add(s.get("name").asText()));
        return out;
    }
}
