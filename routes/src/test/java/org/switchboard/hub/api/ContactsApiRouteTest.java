package org.switchboard.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.broadcast.BroadcastPlanner;
import org.switchboard.broadcast.BroadcastRequest;
import org.switchboard.channel.Channels;
import org.switchboard.channel.FakeChannel;
import org.switchboard.contacts.ContactStore;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link ContactsApiRoute} on the hub's Jetty with a real PostgreSQL: a CSV posted is imported row by row and its
 * contacts are listed, counted and read back; a merge patch edits a contact and refuses a number another contact has;
 * an opt-out over HTTP is stored, journalled and cancels the contact's held broadcast SMS as a STOP does; a file that
 * is no contact list imports nothing.
 */
class ContactsApiRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final String CSV = "name,phone,school,major\n"
            + "Budi Santoso,0812 3456 7890,SMA N 1,IPA\n"
            + "Siti Rahma,0812 3456 7891,SMA N 1,IPS\n"
            + "Agus,12ab,SMA N 2,IPA\n"
            + "Dewi,0812 3456 7893,SMA N 2,IPA\n";

    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        http = TestHttp.create(db.dataSource());
        http.add(new ContactsApiRoute(new ContactStore(db.dataSource()), "ID")).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    private JsonNode imported() throws Exception {
        return TestHttp.json(http.asAdmin("POST", "/api/contacts/import", CSV, "Content-Type", "text/csv"), 200);
    }

    @Test
    void aPostedCsvIsImportedRowByRowAndItsContactsListedByFilter() throws Exception {
        JsonNode report = imported();
        assertEquals(4, report.get("rowsRead").asInt(), report.toString());
        assertEquals(3, report.get("created").asInt(), report.toString());
        assertEquals(1, report.get("rejected").size(), report.toString());
        assertEquals(4, report.get("rejected").get(0).get("line").asInt(), report.toString());
        assertEquals(3, TestRows.count(db.dataSource(), "SELECT count(*) FROM contact"));
        // the same file again changes nothing
        assertEquals(3, imported().get("unchanged").asInt());

        JsonNode ipa = TestHttp.json(http.asAdmin("GET", "/api/contacts?filter=major%3DIPA&limit=1", null), 200);
        assertEquals(2, ipa.get("total").asInt(), ipa.toString());
        assertEquals(1, ipa.get("contacts").size());
        assertEquals("Budi Santoso", ipa.get("contacts").get(0).get("name").asText());
        assertEquals("+6281234567890", ipa.get("contacts").get(0).get("number").asText());
        JsonNode count = TestHttp.json(http.asAdmin("GET", "/api/contacts/count?filter=school%3DSMA+N+1", null), 200);
        assertEquals(2, count.get("count").asInt(), count.toString());
        assertEquals(0, count.get("optedOut").asInt(), count.toString());
        JsonNode attributes = TestHttp.json(http.asAdmin("GET", "/api/contacts/attributes", null), 200);
        assertEquals(List.of("SMA N 1", "SMA N 2"), sorted(attributes.get("school")));
        long id = ipa.get("contacts").get(0).get("id").asLong();
        assertEquals("SMA N 1", TestHttp.json(http.asAdmin("GET", "/api/contacts/" + id, null), 200)
                .get("attributes").get("school").asText());
    }

    @Test
    void aPatchEditsTheContactAndRefusesANumberAnotherContactHas() throws Exception {
        imported();
        long budi = id("+6281234567890");
        JsonNode edited = TestHttp.json(http.asAdmin("PATCH", "/api/contacts/" + budi,
                "{\"name\": \"Budi S.\", \"attributes\": {\"major\": \"IPS\", \"school\": null, \"room\": 12}}"), 200);
        assertEquals("Budi S.", edited.get("name").asText());
        assertEquals(Map.of("major", "IPS", "room", "12"),
                TestHttp.JSON.convertValue(edited.get("attributes"), Map.class));
        assertEquals("Budi S.", TestRows.text(db.dataSource(), "SELECT name FROM contact WHERE id = ?", budi));

        TestHttp.error(http.asAdmin("PATCH", "/api/contacts/" + budi, "{\"number\": \"0812 3456 7891\"}"), 409,
                "the number is another contact's");
        JsonNode invalid = TestHttp.error(http.asAdmin("PATCH", "/api/contacts/" + budi,
                "{\"number\": \"12ab\", \"age\": 17}"), 400, "invalid contact");
        assertEquals(List.of("age", "number"), sorted(invalid.get("fields")));
        assertEquals("+6281234567890", TestRows.text(db.dataSource(), "SELECT number FROM contact WHERE id = ?", budi));
        TestHttp.error(http.asAdmin("GET", "/api/contacts/424242", null), 404, "no such contact");
        TestHttp.error(http.asAdmin("PATCH", "/api/contacts/nobody", "{}"), 404, "no such resource");
    }

    @Test
    void anOptOutIsStoredJournalledAndCancelsTheContactsHeldBroadcastSms() throws Exception {
        imported();
        long budi = id("+6281234567890");
        // a broadcast held for its confirm, and a single SMS: only the broadcast's SMS are an opt-out's business
        PhoneNumbers numbers = new PhoneNumbers("ID");
        new BroadcastPlanner(db.dataSource(), numbers, new Channels(List.of(new FakeChannel("alpha", "alpha-1")),
                Map.of())).plan(new BroadcastRequest("admin", BroadcastRequest.SOURCE_API, null, null,
                        Map.of("school", "SMA N 1"), "Halo {first_name}", true));
        new MessageStore(db.dataSource()).storeOutbound(new NewOutbound("+6281234567890", "Balasan",
                NewOutbound.SOURCE_API, null, "admin"));

        JsonNode out = TestHttp.json(http.asAdmin("POST", "/api/contacts/" + budi + "/opt-out", null), 200);
        assertTrue(out.get("optedOut").asBoolean(), out.toString());
        assertEquals("API", TestRows.text(db.dataSource(), "SELECT keyword FROM opt_out WHERE number = ?",
                "+6281234567890"));
        assertEquals(List.of("CANCELLED", "PENDING"), TestRows.texts(db.dataSource(), "SELECT status FROM outbound_sms"
                + " WHERE recipient = ? ORDER BY broadcast_id NULLS LAST", "+6281234567890"));
        assertEquals("HELD", TestRows.text(db.dataSource(), "SELECT status FROM outbound_sms WHERE recipient = ?",
                "+6281234567891"));

        JsonNode in = TestHttp.json(http.asAdmin("POST", "/api/contacts/" + budi + "/opt-in", null), 200);
        assertFalse(in.get("optedOut").asBoolean(), in.toString());
        http.journal().flush();
        assertEquals(List.of("opted-out: +6281234567890 opted out through the API by admin; its held and queued"
                + " broadcast SMS cancelled", "opted-in: +6281234567890 opted in through the API by admin"),
                TestRows.hops(db.dataSource(), "contact", budi));
        TestHttp.error(http.asAdmin("POST", "/api/contacts/424242/opt-out", null), 404, "no such contact");
    }

    @Test
    void aFileThatIsNoContactListOrNoCredentialImportsNothing() throws Exception {
        TestHttp.error(http.send("POST", "/api/contacts/import", CSV, "Content-Type", "text/csv"), 401,
                "credentials required");
        TestHttp.error(http.asAdmin("POST", "/api/contacts/import", "name,school\nBudi,SMA N 1\n", "Content-Type",
                "text/csv"), 400, "number");
        TestHttp.error(http.asAdmin("POST", "/api/contacts/import", "--x\r\n", "Content-Type",
                "multipart/form-data; boundary=x"), 415, "not a form");
        // Latin-1 bytes, where UTF-8 is taken unless the Content-Type names another character set
        TestHttp.error(http.sendBytes("POST", "/api/contacts/import", "name,phone\nJos\u00e9,081234567890\n"
                .getBytes(StandardCharsets.ISO_8859_1), "Content-Type", "text/csv", "Authorization",
                TestHttp.basic("admin", TestHttp.ADMIN_PASSWORD)), 400,
                "the CSV is not UTF-8 text; nothing was imported");
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM contact"));
    }

    private long id(String number) {
        return Long.parseLong(TestRows.text(db.dataSource(), "SELECT id FROM contact WHERE number = ?", number));
    }

    private static List<String> sorted(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(out::add);
        }
        return out.stream().sorted().toList();
    }
}
