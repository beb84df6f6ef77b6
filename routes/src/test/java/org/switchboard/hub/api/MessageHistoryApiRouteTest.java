package org.switchboard.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.contacts.ContactStore;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.MessageHistory;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewInbound;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link MessageHistoryApiRoute} on the hub's Jetty over a real PostgreSQL holding SMS both ways: the history lists
 * them newest first with their contact, each filter narrows it to the SMS it names, it pages, a bad or unknown
 * parameter (a typo that would silently widen the search) or a missing credential is refused, and a database that is
 * down is a 503 the client may retry.
 */
class MessageHistoryApiRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final String BUDI = "+6281270000001";
    private static final String SITI = "+6281270000002";
    private static final String STRANGER = "+6281399990000";
    /** The SMS' times: each one an hour after the last, in this order. */
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 2, 8, 0, 0, 0, ZoneOffset.ofHours(7));

    private volatile boolean databaseUp = true;
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        new ContactStore(db.dataSource()).importCsv(new StringReader("name,phone,school\n"
                + "Budi Santoso,0812-7000-0001,SMA N 1\nSiti_Rahma,0812-7000-0002,SMA N 2\n"), "ID");
        MessageStore store = new MessageStore(db.dataSource());
        out(store, BUDI, "Ujian hari Senin", 0);
        store.storeInbound(new NewInbound("modems", "gsm1", SITI, "Terima kasih 100%", 1, false, T0.plusHours(1)));
        out(store, SITI, "Nilai anda 100%", 2);
        store.storeInbound(new NewInbound("modems", "gsm2", STRANGER, "Promo pulsa", 1, false, T0.plusHours(3)));
        TestRows.update(db.dataSource(), "UPDATE outbound_sms SET status = 'SENT', modem = 'gsm1' WHERE recipient = ?",
                BUDI);
        http = TestHttp.create(db.dataSource());
        http.add(new MessageHistoryApiRoute(new MessageHistory(TestRows.switchable(db.dataSource(), () -> databaseUp)),
                new PhoneNumbers("ID"), ZoneId.of("Asia/Jakarta"))).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    private static void out(MessageStore store, String to, String text, int hour) {
        long id = store.storeOutbound(new NewOutbound(to, text, NewOutbound.SOURCE_API, null, "admin")).id();
        TestRows.update(db.dataSource(), "UPDATE outbound_sms SET created_at = ? WHERE id = ?", T0.plusHours(hour), id);
    }

    @Test
    void theHistoryListsBothDirectionsNewestFirstWithTheirContact() throws Exception {
        JsonNode all = get("");
        assertEquals(4, all.get("total").asInt());
        assertEquals(List.of("Promo pulsa", "Nilai anda 100%", "Terima kasih 100%", "Ujian hari Senin"), texts(all));
        JsonNode budi = all.get("items").get(3);
        assertEquals("out", budi.get("direction").asText());
        assertEquals(BUDI, budi.get("number").asText());
        assertEquals("Budi Santoso", budi.get("name").asText());
        assertEquals("SMA N 1", budi.get("attributes").get("school").asText());
        assertEquals("SENT", budi.get("status").asText());
        assertEquals("gsm1", budi.get("modem").asText());
        assertEquals(T0.toInstant(), OffsetDateTime.parse(budi.get("at").asText()).toInstant());
        JsonNode stranger = all.get("items").get(0);
        assertEquals("in", stranger.get("direction").asText());
        assertEquals("RECEIVED", stranger.get("status").asText());
        assertEquals(true, stranger.get("name").isNull());
    }

    @Test
    void eachFilterNarrowsTheHistoryToTheSmsItNames() throws Exception {
        assertEquals(List.of("Nilai anda 100%", "Terima kasih 100%"), texts(get("number=" + enc("0812-7000-0002"))));
        assertEquals(List.of("Promo pulsa"), texts(get("number=99990")));
        assertEquals(List.of("Nilai anda 100%", "Terima kasih 100%"), texts(get("name=_")));
        assertEquals(List.of("Nilai anda 100%", "Terima kasih 100%"), texts(get("text=" + enc("100%"))));
        assertEquals(List.of("Promo pulsa", "Terima kasih 100%"), texts(get("direction=in")));
        assertEquals(List.of("Ujian hari Senin"), texts(get("status=sent")));
        assertEquals(List.of("Nilai anda 100%", "Ujian hari Senin"), texts(get("status=SENT,PENDING")));
        assertEquals(List.of("Ujian hari Senin"), texts(get("attr.School=" + enc("SMA N 1"))));
        assertEquals(List.of(), texts(get("attr.school=" + enc("SMA N 9"))));
        // a local time is the hub's zone; a date alone as until takes in the whole day
        assertEquals(List.of("Nilai anda 100%", "Terima kasih 100%"),
                texts(get("since=2026-11-02T09:00&until=" + enc("2026-11-02T10:30:00+07:00"))));
        assertEquals(4, get("until=2026-11-02").get("total").asInt());
        assertEquals(0, get("since=2026-11-03").get("total").asInt());
    }

    @Test
    void theHistoryPages() throws Exception {
        JsonNode page = get("offset=1&limit=2");
        assertEquals(4, page.get("total").asInt());
        assertEquals(1, page.get("offset").asInt());
        assertEquals(2, page.get("limit").asInt());
        assertEquals(List.of("Nilai anda 100%", "Terima kasih 100%"), texts(page));
        assertEquals(MessageHistoryApiRoute.DEFAULT_LIMIT, get("").get("limit").asInt());
    }

    @Test
    void aBadOrUnknownParameterOrNoCredentialIsRefused() throws Exception {
        TestHttp.error(http.send("GET", "/api/messages", null), 401, "credentials required");
        refused("nmber=1", "unknown query parameter");
        refused("since=yesterday", "ISO-8601");
        refused("until=2026-13-01", "ISO-8601");
        refused("since=2026-11-02&until=2026-11-01", "must be before until");
        refused("limit=0", "limit must be a whole number from 1 to 500");
        refused("offset=-1", "offset must be");
        refused("direction=up", "in or out");
        refused("status=LOST", "unknown status LOST");
        refused("text=" + enc("a\u0001b"), "bad text");
        refused("text=%FF", "bytes that are not UTF-8");
    }

    @Test
    void whileTheDatabaseIsDownTheAnswerIs503WithoutPostgresqlsWords() throws Exception {
        databaseUp = false;
        JsonNode down = TestHttp.error(http.asAdmin("GET", "/api/messages?number=0812", null), 503,
                "database unavailable");
        assertTrue(down.get("detail").asText().contains("reference"), down.toString());
        assertFalse(down.toString().contains("connection refused"), "the cause stays in the log: " + down);
        databaseUp = true;
        assertEquals(4, get("").get("total").asInt());
    }

    private void refused(String query, String words) throws Exception {
        TestHttp.error(http.asAdmin("GET", "/api/messages?" + query, null), 400, words);
    }

    private JsonNode get(String query) throws Exception {
        return TestHttp.json(http.asAdmin("GET", "/api/messages" + (query.isEmpty() ? "" : "?" + query), null), 200);
    }

    private static List<String> texts(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("text").asText()));
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
