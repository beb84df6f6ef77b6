package org.switchboard.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.Channels;
import org.switchboard.channel.FakeChannel;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.MessageStore;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link SmsApiRoute} on the hub's Jetty with a real PostgreSQL: each valid number of a POST /api/sms is queued once
 * and journalled with the API user who sent it, the others are reported one by one; an Idempotency-Key sent again
 * queues nothing more; a request with nothing to send, no credentials or while the database is down stores nothing.
 */
class SmsApiRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final String BUDI = "+6281234567890";
    private static final int MAX_PARTS = 3;

    private volatile boolean databaseUp = true;
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        // The channels count the parts: a fake one counts 153 characters a part.
        Channels channels = new Channels(List.of(new FakeChannel("alpha", "alpha-1")), Map.of());
        http = TestHttp.create(db.dataSource());
        http.add(new SmsApiRoute(new MessageStore(TestRows.switchable(db.dataSource(), () -> databaseUp)),
                new PhoneNumbers("ID"), channels, MAX_PARTS)).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    @Test
    void eachValidNumberIsQueuedOnceAndJournalledWithTheApiUser() throws Exception {
        JsonNode answer = TestHttp.json(http.asAdmin("POST", "/api/sms",
                "{\"to\": [\"0812 3456 7890\", \"12ab\", \"+6281234567890\", 5], \"text\": \"Halo Budi\"}"), 202);
        assertEquals(1, answer.get("accepted").size(), answer.toString());
        JsonNode accepted = answer.get("accepted").get(0);
        assertEquals("0812 3456 7890", accepted.get("to").asText());
        assertEquals(BUDI, accepted.get("number").asText());
        assertEquals(1, accepted.get("parts").asInt());
        long id = Long.parseLong(accepted.get("id").asText().substring("out-".length()));
        assertEquals(List.of("12ab: not a phone number", "+6281234567890: listed twice: " + BUDI + " gets one SMS",
                "5: a number must be given as a text, e.g. \"+6281234567890\""), rejections(answer));

        assertEquals(BUDI + "|Halo Budi|api|admin|PENDING", TestRows.text(db.dataSource(), "SELECT recipient || '|' ||"
                + " text || '|' || source || '|' || requested_by || '|' || status FROM outbound_sms WHERE id = ?", id));
        assertEquals(1, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms"));
        http.journal().flush();
        assertEquals(List.of("sms-stored: to " + BUDI + " from API user admin"),
                TestRows.hops(db.dataSource(), "outbound_sms", id));
    }

    @Test
    void theSameIdempotencyKeySentAgainQueuesNothingMore() throws Exception {
        String body = "{\"to\": [\"+6281234567890\", \"+6281234567891\"], \"text\": \"Kode 4821\"}";
        JsonNode first = TestHttp.json(http.asAdmin("POST", "/api/sms", body, "Idempotency-Key", "order-17"), 202);
        JsonNode again = TestHttp.json(http.asAdmin("POST", "/api/sms", body, "Idempotency-Key", "order-17"), 202);
        for (int i = 0; i < 2; i++) {
            assertEquals(first.get("accepted").get(i).get("id"), again.get("accepted").get(i).get("id"));
            assertFalse(first.get("accepted").get(i).has("duplicate"), first.toString());
            assertTrue(again.get("accepted").get(i).get("duplicate").asBoolean(), again.toString());
        }
        assertEquals(2, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms"));
        // another key is another request
        TestHttp.json(http.asAdmin("POST", "/api/sms", body, "Idempotency-Key", "order-18"), 202);
        assertEquals(4, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms"));
        http.journal().flush();
        assertEquals(List.of("sms-stored: to " + BUDI + " from API user admin (Idempotency-Key)",
                "sms-stored: to " + BUDI + " from API user admin (Idempotency-Key), already stored"),
                TestRows.hops(db.dataSource(), "outbound_sms", first.get("accepted").get(0).get("id").asText()
                        .substring(4).transform(Long::parseLong)));
    }

    @Test
    void aRequestWithNothingToSendIsRefusedAndQueuesNothing() throws Exception {
        TestHttp.error(http.asAdmin("POST", "/api/sms", "{\"to\": \"" + BUDI + "\"}"), 400, "no text");
        TestHttp.error(http.asAdmin("POST", "/api/sms", "{\"text\": \"x\"}"), 400, "no recipient");
        TestHttp.error(http.asAdmin("POST", "/api/sms", "{\"to\": \"" + BUDI + "\""), 400, "not valid JSON");
        TestHttp.error(http.asAdmin("POST", "/api/sms", "[1, 2]"), 400, "JSON object");
        JsonNode none = TestHttp.error(http.asAdmin("POST", "/api/sms", "{\"to\": [\"abc\", 5], \"text\": \"x\"}"), 400,
                "no valid recipient");
        assertEquals(2, none.get("rejected").size(), none.toString());
        // four parts of 153 characters where at most three are allowed
        TestHttp.error(http.asAdmin("POST", "/api/sms", "{\"to\": \"" + BUDI + "\", \"text\": \""
                + "x".repeat(153 * 3 + 1) + "\"}"), 400, "it takes 4 SMS parts; at most 3");
        TestHttp.error(http.asAdmin("POST", "/api/sms", "{\"to\": \"" + BUDI + "\", \"text\": \"a\\u0000b\"}"), 400,
                "bad text");
        TestHttp.error(http.send("POST", "/api/sms", "{\"to\": \"" + BUDI + "\", \"text\": \"x\"}"), 401,
                "credentials required");
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms"));
    }

    @Test
    void whileTheDatabaseIsDownTheAnswerIs503AndTheClientMayTryAgain() throws Exception {
        databaseUp = false;
        JsonNode down = TestHttp.error(http.asAdmin("POST", "/api/sms", "{\"to\": \"" + BUDI + "\", \"text\": \"x\"}"),
                503, "database unavailable");
        assertTrue(down.get("detail").asText().contains("reference"), down.toString());
        assertFalse(down.toString().contains("connection refused"), "PostgreSQL's words stay in the log: " + down);
        databaseUp = true;
        TestHttp.json(http.asAdmin("POST", "/api/sms", "{\"to\": \"" + BUDI + "\", \"text\": \"x\"}"), 202);
        assertEquals(1, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms"));
        http.journal().flush();
        // the SMS stored once the database was back, journalled as stored
        assertEquals(1, TestRows.count(db.dataSource(), "SELECT count(*) FROM journal WHERE hop = 'sms-stored'"
                + " AND error IS NULL"));
    }

    private static List<String> rejections(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("rejected").forEach(r -> out.add(r.get("to").asText() + ": " + r.get("error").asText()));
        return out;
    }
}
