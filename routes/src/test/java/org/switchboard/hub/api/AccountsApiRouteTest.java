package org.switchboard.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.auth.Role;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link AccountsApiRoute} on the hub's Jetty with a real PostgreSQL: an admin adds users and creates API keys (shown
 * once, stored only as a digest) that work until revoked; staff are refused every admin operation; a user changes their
 * own password only with the current one, and the old one stops working at once despite the credentials' cache.
 */
class AccountsApiRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final String BUDI = "budi-password";

    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        TestRows.update(db.dataSource(), "DELETE FROM api_key");
        TestRows.update(db.dataSource(), "DELETE FROM app_user WHERE name <> 'admin'");
        http = TestHttp.create(db.dataSource());
        http.add(new AccountsApiRoute(http.users(), http.keys(), http.credentials())).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    @Test
    void anAdminAddsAUserWhoThenSignsInAsStaff() throws Exception {
        JsonNode added = TestHttp.json(http.asAdmin("POST", "/api/users",
                "{\"name\": \"Budi\", \"role\": \"staff\", \"password\": \"" + BUDI + "\"}"), 201);
        assertEquals("budi", added.get("name").asText());
        assertEquals("staff", added.get("role").asText());
        assertFalse(added.toString().contains(BUDI), "never the password: " + added);
        String hash = TestRows.text(db.dataSource(), "SELECT password_hash FROM app_user WHERE name = 'budi'");
        assertTrue(hash.startsWith("$2") && !hash.contains(BUDI), "a bcrypt hash: " + hash);
        JsonNode users = TestHttp.json(http.asAdmin("GET", "/api/users", null), 200);
        List<String> names = new ArrayList<>();
        users.get("users").forEach(u -> names.add(u.get("name").asText() + ":" + u.get("role").asText()));
        assertEquals(List.of("admin:admin", "budi:staff"), names.stream().sorted().toList());

        // budi is signed in (403, not 401) but no admin
        TestHttp.error(http.as("budi", BUDI, "GET", "/api/users", null), 403, "admin only");
        TestHttp.error(http.as("budi", BUDI, "POST", "/api/users", "{\"name\": \"ani\", \"role\": \"admin\","
                + " \"password\": \"12345678\"}"), 403, "admin only");
        TestHttp.error(http.asAdmin("POST", "/api/users", "{\"name\": \"budi\", \"role\": \"staff\", \"password\":"
                + " \"12345678\"}"), 409, "already");
        TestHttp.error(http.asAdmin("POST", "/api/users", "{\"name\": \"ani\", \"role\": \"boss\", \"password\":"
                + " \"12345678\"}"), 400, "role must be admin or staff");
        TestHttp.error(http.asAdmin("POST", "/api/users", "{\"name\": \"ani\", \"role\": \"staff\", \"password\":"
                + " \"short\"}"), 400, "cannot add the user");
        TestHttp.error(http.send("GET", "/api/users", null), 401, "credentials required");
        assertEquals(2, TestRows.count(db.dataSource(), "SELECT count(*) FROM app_user"));
    }

    @Test
    void anApiKeyIsShownOnceAndWorksUntilItIsRevoked() throws Exception {
        HttpResponse<String> created = http.asAdmin("POST", "/api/keys", "{\"name\": \"ops\", \"role\": \"admin\"}");
        JsonNode key = TestHttp.json(created, 201);
        String secret = key.get("key").asText();
        assertTrue(secret.startsWith("sbk_"), key.toString());
        assertEquals("admin", key.get("createdBy").asText());
        assertFalse(TestRows.texts(db.dataSource(), "SELECT row_to_json(k)::text FROM api_key k").toString()
                .contains(secret), "the database keeps a digest, not the key");
        JsonNode listed = TestHttp.json(http.asAdmin("GET", "/api/keys", null), 200);
        assertFalse(listed.toString().contains(secret), listed.toString());
        assertEquals("ops", listed.get("keys").get(0).get("name").asText());

        // the key signs in as admin; a staff key is signed in but no admin
        assertEquals(200, http.send("GET", "/api/keys", null, "X-API-Key", secret).statusCode());
        String staff = TestHttp.json(http.asAdmin("POST", "/api/keys", "{\"name\": \"playsms\"}"), 201).get("key")
                .asText();
        TestHttp.error(http.send("GET", "/api/keys", null, "X-API-Key", staff), 403, "admin only");
        TestHttp.error(http.asAdmin("POST", "/api/keys", "{\"name\": \"ops\"}"), 409, "already");

        assertEquals("ops", TestHttp.json(http.asAdmin("DELETE", "/api/keys/ops", null), 200).get("revoked").asText());
        // at once, though the credentials had it cached as verified
        TestHttp.error(http.send("GET", "/api/keys", null, "X-API-Key", secret), 401, "revoked");
        TestHttp.error(http.asAdmin("DELETE", "/api/keys/ops", null), 404, "no such API key");
        TestHttp.error(http.send("DELETE", "/api/keys/playsms", null, "X-API-Key", staff), 403, "admin only");
    }

    @Test
    void aNewKeysAnswerIsNeverCached() throws Exception {
        HttpResponse<String> created = http.asAdmin("POST", "/api/keys", "{\"name\": \"ops\"}");
        TestHttp.json(created, 201);
        assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void aUserChangesTheirOwnPasswordOnlyWithTheCurrentOne() throws Exception {
        http.users().add("budi", Role.STAFF, BUDI);
        TestHttp.error(http.as("budi", BUDI, "POST", "/api/users/admin/password", "{\"password\": \"taken-over\"}"),
                403, "only an admin sets another user's password");
        TestHttp.error(http.as("budi", BUDI, "POST", "/api/users/budi/password", "{\"password\": \"budi-password-2\"}"),
                400, "current password required");
        TestHttp.error(http.as("budi", BUDI, "POST", "/api/users/budi/password",
                "{\"password\": \"budi-password-2\", \"currentPassword\": \"not-it\"}"), 403, "current password wrong");
        // budi's password was checked (and cached) by the requests above: the change must still end it at once
        JsonNode changed = TestHttp.json(http.as("budi", BUDI, "POST", "/api/users/budi/password",
                "{\"password\": \"budi-password-2\", \"currentPassword\": \"" + BUDI + "\"}"), 200);
        assertTrue(changed.get("passwordChanged").asBoolean());
        TestHttp.error(http.as("budi", BUDI, "GET", "/api/users", null), 401, "wrong user name or password");
        TestHttp.error(http.as("budi", "budi-password-2", "GET", "/api/users", null), 403, "admin only");

        // an admin sets it without knowing it; an unknown user is 404
        TestHttp.json(http.asAdmin("POST", "/api/users/budi/password", "{\"password\": \"budi-password-3\"}"), 200);
        TestHttp.error(http.as("budi", "budi-password-3", "GET", "/api/users", null), 403, "admin only");
        TestHttp.error(http.asAdmin("POST", "/api/users/nobody/password", "{\"password\": \"12345678\"}"), 404,
                "no such user");
        TestHttp.error(http.asAdmin("POST", "/api/users/budi/password", "{\"password\": \"short\"}"), 400,
                "cannot set the password");
    }
}
