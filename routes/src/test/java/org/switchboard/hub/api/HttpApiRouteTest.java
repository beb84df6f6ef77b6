package org.switchboard.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.hub.monitor.CachedProbe;
import org.switchboard.hub.monitor.DatabaseProbe;
import org.switchboard.hub.monitor.ProbeHealthCheck;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalReader;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link HttpApiRoute} on the hub's Jetty with a real PostgreSQL: /health is open, answers 200 while every check is up
 * and 503 once the database is down, and shows a check's details only to a caller with credentials; a message's hops
 * are its own journal rows in order, for those signed in, and an unknown message is 404.
 */
class HttpApiRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private volatile boolean databaseUp = true;
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        http = TestHttp.create(db.dataSource());
        // The hub's database check (Monitoring), over a database the test can take down; nothing kept between probes.
        ProbeHealthCheck database = new ProbeHealthCheck("database", new CachedProbe("the database",
                new DatabaseProbe(TestRows.switchable(db.dataSource(), () -> databaseUp), Duration.ofSeconds(2)),
                Duration.ZERO, Duration.ofSeconds(5)), Map.of());
        database.setCamelContext(http.camel());
        HealthCheckRegistry.get(http.camel()).register(database);
        http.add(new HttpApiRoute(new JournalReader(db.dataSource()), http.credentials())).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    @Test
    void healthIsOpenAndShowsDetailsOnlyToCallersWithCredentials() throws Exception {
        JsonNode open = TestHttp.json(http.send("GET", "/health", null), 200);
        assertEquals("UP", open.get("status").asText());
        JsonNode check = check(open, "database");
        assertEquals("UP", check.get("state").asText());
        assertFalse(check.has("details"), open.toString());

        JsonNode detailed = TestHttp.json(http.asAdmin("GET", "/health", null), 200);
        assertTrue(check(detailed, "database").get("details").get("product").asText().startsWith("PostgreSQL"),
                detailed.toString());
        // wrong credentials are not refused here: the monitor just sees less
        JsonNode wrong = TestHttp.json(http.send("GET", "/health", null, "Authorization", TestHttp.basic("admin", "x")),
                200);
        assertFalse(check(wrong, "database").has("details"), wrong.toString());
    }

    @Test
    void healthIs503WhileTheDatabaseIsDownAndSaysWhyToThoseSignedIn() throws Exception {
        databaseUp = false;
        JsonNode down = TestHttp.json(http.send("GET", "/health", null), 503);
        assertEquals("DOWN", down.get("status").asText());
        assertEquals("DOWN", check(down, "database").get("state").asText());
        assertFalse(check(down, "database").has("message"), "the cause only with credentials: " + down);
        JsonNode detailed = TestHttp.json(http.asAdmin("GET", "/health", null), 503);
        assertTrue(check(detailed, "database").get("message").asText().contains("the database is down"),
                detailed.toString());
        assertEquals(503, http.send("HEAD", "/health", null).statusCode());

        databaseUp = true;
        assertEquals("UP", TestHttp.json(http.send("GET", "/health", null), 200).get("status").asText());
    }

    @Test
    void aMessagesHopsAreItsOwnJournalRowsOldestFirst() throws Exception {
        http.journal().record(Hop.now(JournalKind.OUTBOUND_SMS, 7, "sms-stored", "http-sms", "to +6281234567890",
                null));
        // another message, and an inbound SMS of the same number: not part of out-7's trail
        http.journal().record(Hop.now(JournalKind.OUTBOUND_SMS, 8, "sms-stored", "http-sms", "to +6281234567891",
                null));
        http.journal().record(Hop.now(JournalKind.INBOUND_SMS, 7, "sms-received", "sms-inbound", "from +628", null));
        http.journal().record(Hop.now(JournalKind.OUTBOUND_SMS, 7, "sent", "dispatch-gsm1", null, "no network"));
        http.journal().flush();

        JsonNode trail = TestHttp.json(http.asAdmin("GET", "/api/messages/out-7/hops", null), 200);
        assertEquals("out-7", trail.get("message").asText());
        List<String> hops = new ArrayList<>();
        trail.get("hops").forEach(h -> hops.add(h.get("hop").asText() + "/" + h.get("route").asText()));
        assertEquals(List.of("sms-stored/http-sms", "sent/dispatch-gsm1"), hops);
        assertEquals("to +6281234567890", trail.get("hops").get(0).get("detail").asText());
        assertEquals("no network", trail.get("hops").get(1).get("error").asText());
        // a time the client can read, with its offset
        OffsetDateTime.parse(trail.get("hops").get(0).get("at").asText());
        assertEquals(1, TestHttp.json(http.asAdmin("GET", "/api/messages/in-7/hops", null), 200).get("hops").size());
    }

    @Test
    void hopsNeedCredentialsAndAMessageTheJournalKnows() throws Exception {
        HttpResponse<String> anonymous = http.send("GET", "/api/messages/out-7/hops", null);
        TestHttp.error(anonymous, 401, "credentials required");
        TestHttp.error(http.asAdmin("GET", "/api/messages/out-424242/hops", null), 404, "no message out-424242");
        TestHttp.error(http.asAdmin("GET", "/api/messages/sms-7/hops", null), 404, "no such resource");
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode c : health.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }
}
