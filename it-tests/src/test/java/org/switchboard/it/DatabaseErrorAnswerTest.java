package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database failure under an API request is answered 503 JSON naming a log reference, never with PostgreSQL's own
 * message (constraint names, values, host and port are no business of the client's).
 */
class DatabaseErrorAnswerTest {
    private static final String SECRET = "constraint segment_secret_ck on db.internal:5432 value 'x'";

    @TempDir
    static Path dir;
    private static InProcessHub hub;
    private static String adminPassword;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of());
        adminPassword = Files.readString(dir.resolve("data/admin-password")).trim();
        // the database refuses every new segment with a message of the kind PostgreSQL gives (this test's own database)
        try (Connection c = hub.db().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION refuse_segment() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " RAISE EXCEPTION '" + SECRET.replace("'", "''") + "'; END $$");
            s.execute("CREATE TRIGGER refuse_segment BEFORE INSERT OR UPDATE ON segment"
                    + " FOR EACH ROW EXECUTE FUNCTION refuse_segment()");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aDatabaseErrorIs503WithAReferenceAndNoneOfPostgresqlsText() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                + "/api/segments/refused")).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"filter\": \"major=IPA\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, r.statusCode(), r.body());
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertEquals("database unavailable", body.path("error").asText(), r.body());
        assertTrue(body.path("detail").asText().matches(".*reference [0-9a-f]{8}.*"), r.body());
        for (String leak : new String[] {"segment_secret_ck", "db.internal", "5432", "ERROR", "Exception"}) {
            assertFalse(r.body().contains(leak), leak + " in " + r.body());
        }
    }
}
