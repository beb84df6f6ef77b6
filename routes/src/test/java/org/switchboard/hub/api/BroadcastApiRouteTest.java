package org.switchboard.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.broadcast.BroadcastAudience;
import org.switchboard.broadcast.BroadcastPlanner;
import org.switchboard.broadcast.BroadcastRecipients;
import org.switchboard.broadcast.BroadcastReport;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.broadcast.BroadcastTimeline;
import org.switchboard.channel.Channels;
import org.switchboard.channel.FakeChannel;
import org.switchboard.contacts.ContactStore;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.journal.JournalKind;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link BroadcastApiRoute} on the hub's Jetty with a real PostgreSQL: a broadcast posted is planned and held with its
 * preview, journalled, listed, paged and exported; a confirm releases its SMS once, a cancel stops them and a confirm
 * after it is 409; an Idempotency-Key sent again plans nothing more; a refused plan (a placeholder some recipients
 * lack, no template, an unknown field, no credentials) stores no broadcast.
 */
class BroadcastApiRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final String SMA1 = "{\"filter\": \"school=SMA N 1\","
            + " \"template\": \"Halo {first_name}, ujian Senin.\"}";

    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        // three students of SMA N 1 (one without a room), one of SMA N 2
        new ContactStore(db.dataSource()).importCsv(new StringReader("name,phone,school,room\n"
                + "Budi Santoso,081234567890,SMA N 1,R1\nSiti Rahma,081234567891,SMA N 1,R2\n"
                + "Agus Salim,081234567892,SMA N 1,\nDewi Lestari,081234567893,SMA N 2,R4\n"), "ID");
        Channels channels = new Channels(List.of(new FakeChannel("alpha", "alpha-1", "alpha-2")), Map.of());
        SegmentStore segments = new SegmentStore(db.dataSource());
        http = TestHttp.create(db.dataSource());
        http.add(new BroadcastApiRoute(new BroadcastApiRoute.Parts(new BroadcastStore(db.dataSource()),
                new BroadcastPlanner(db.dataSource(), new PhoneNumbers("ID"), channels),
                new BroadcastAudience(segments), new BroadcastRecipients(db.dataSource()),
                new BroadcastTimeline(db.dataSource()),
                new BroadcastReport(db.dataSource()), channels, ZoneId.of("Asia/Jakarta")))).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    @Test
    void aPostedBroadcastIsPlannedHeldWithItsPreviewAndJournalled() throws Exception {
        JsonNode created = TestHttp.json(http.asAdmin("POST", "/api/broadcasts", SMA1), 201);
        long id = created.get("id").asLong();
        assertEquals("AWAITING_CONFIRMATION", created.get("status").asText());
        assertEquals("admin", created.get("requestedBy").asText());
        JsonNode preview = created.get("preview");
        assertEquals(3, preview.get("recipients").asInt(), preview.toString());
        assertEquals(3, preview.get("totalParts").asInt(), preview.toString());
        assertEquals(2, preview.get("healthyModems").asInt(), "the channel's two ready lines: " + preview);
        assertTrue(preview.get("samples").get(0).get("text").asText().matches("Halo (Budi|Siti|Agus), ujian Senin\\."),
                preview.toString());
        assertEquals(3, created.get("progress").get("held").asInt());
        assertEquals(3, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms WHERE broadcast_id = ?"
                + " AND status = 'HELD'", id));
        http.journal().flush();
        List<String> hops = TestRows.hops(db.dataSource(), JournalKind.BROADCAST.value(), id);
        assertEquals(1, hops.size(), hops.toString());
        assertTrue(hops.get(0).startsWith("broadcast-planned: broadcast #" + id + " by API user admin to "),
                hops.toString());
        assertTrue(hops.get(0).endsWith("3 recipient(s), 0 opted out, 0 invalid, 3 SMS part(s); awaiting confirmation"),
                hops.toString());

        JsonNode list = TestHttp.json(http.asAdmin("GET", "/api/broadcasts", null), 200);
        assertEquals(1, list.get("total").asInt());
        assertEquals(id, list.get("broadcasts").get(0).get("id").asLong());
        JsonNode page = TestHttp.json(http.asAdmin("GET", "/api/broadcasts/" + id + "/recipients?limit=2", null), 200);
        assertEquals(3, page.get("total").asInt());
        assertEquals(2, page.get("recipients").size());
        HttpResponse<String> csv = http.asAdmin("GET", "/api/broadcasts/" + id + "/recipients.csv", null);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals(4, csv.body().strip().split("\n").length, "a header and three recipients: " + csv.body());
        assertTrue(csv.body().contains("+6281234567892"), csv.body());
        assertEquals(id, TestHttp.json(http.asAdmin("GET", "/api/broadcasts/" + id + "/timeline", null), 200)
                .get("broadcast").asLong());
    }

    @Test
    void aConfirmReleasesTheHeldSmsOnceAndACancelledBroadcastCannotBeConfirmed() throws Exception {
        long id = TestHttp.json(http.asAdmin("POST", "/api/broadcasts", SMA1), 201).get("id").asLong();
        JsonNode confirmed = TestHttp.json(http.asAdmin("POST", "/api/broadcasts/" + id + "/confirm", null), 200);
        assertTrue(confirmed.get("changed").asBoolean());
        assertEquals("SENDING", confirmed.get("status").asText());
        assertEquals(3, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms WHERE broadcast_id = ?"
                + " AND status = 'PENDING'", id));
        assertFalse(TestHttp.json(http.asAdmin("POST", "/api/broadcasts/" + id + "/confirm", null), 200).get("changed")
                .asBoolean());

        long other = TestHttp.json(http.asAdmin("POST", "/api/broadcasts",
                "{\"segment\": null, \"filter\": {\"school\": \"SMA N 2\"}, \"template\": \"Halo\"}"), 201).get("id")
                .asLong();
        assertTrue(TestHttp.json(http.asAdmin("POST", "/api/broadcasts/" + other + "/cancel", null), 200).get("changed")
                .asBoolean());
        TestHttp.error(http.asAdmin("POST", "/api/broadcasts/" + other + "/confirm", null), 409, "was cancelled");
        assertEquals("CANCELLED", TestRows.text(db.dataSource(),
                "SELECT status FROM outbound_sms WHERE broadcast_id = ?", other));
        http.journal().flush();
        assertEquals("api-answered: confirm through the API by admin: done, now SENDING",
                TestRows.hops(db.dataSource(), JournalKind.BROADCAST.value(), id).get(1));
        assertEquals(List.of("api-answered: cancel through the API by admin: done, now CANCELLED",
                "api-answered: confirm through the API by admin: nothing changed, now CANCELLED"),
                TestRows.hops(db.dataSource(), JournalKind.BROADCAST.value(), other).subList(1, 3));
        TestHttp.error(http.asAdmin("POST", "/api/broadcasts/424242/confirm", null), 404, "no such broadcast");
    }

    @Test
    void theSameIdempotencyKeySentAgainPlansNothingMore() throws Exception {
        JsonNode first = TestHttp.json(http.asAdmin("POST", "/api/broadcasts", SMA1, "Idempotency-Key", "exam-1"), 201);
        JsonNode again = TestHttp.json(http.asAdmin("POST", "/api/broadcasts", SMA1, "Idempotency-Key", "exam-1"), 200);
        assertEquals(first.get("id"), again.get("id"));
        assertEquals(1, TestRows.count(db.dataSource(), "SELECT count(*) FROM broadcast"));
        assertEquals(3, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms"));
    }

    @Test
    void aRefusedPlanStoresNoBroadcast() throws Exception {
        JsonNode refused = TestHttp.error(http.asAdmin("POST", "/api/broadcasts",
                "{\"filter\": \"school=SMA N 1\", \"template\": \"Halo {first_name}, ruang {room}\"}"), 400,
                "broadcast refused");
        assertEquals("room", refused.get("missing").get(0).get("placeholder").asText(), refused.toString());
        assertEquals(1, refused.get("missing").get(0).get("recipients").asInt(), "Agus has no room: " + refused);
        TestHttp.error(http.asAdmin("POST", "/api/broadcasts", "{\"filter\": \"school=SMA N 1\"}"), 400, "no template");
        TestHttp.error(http.asAdmin("POST", "/api/broadcasts", "{\"filter\": \"school=SMA N 1\", \"template\": \"x\","
                + " \"when\": \"now\"}"), 400, "unknown field");
        TestHttp.error(http.asAdmin("POST", "/api/broadcasts", "{\"filter\": 7, \"template\": \"x\"}"), 400,
                "bad filter");
        TestHttp.error(http.send("POST", "/api/broadcasts", SMA1), 401, "credentials required");
        TestHttp.error(http.asAdmin("GET", "/api/broadcasts/424242", null), 404, "no such broadcast");
        TestHttp.error(http.asAdmin("GET", "/api/broadcasts?limit=0", null), 400, "limit must be");
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM broadcast"));
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms"));
        http.journal().flush();
        // a refusal is the client's mistake, not a failed hop of the hub
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM journal WHERE error IS NOT NULL"));
    }
}
