package org.switchboard.hub.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.auth.Role;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link SessionRoute} on the hub's Jetty with a real PostgreSQL: POST /login with the right JSON credentials opens a
 * session whose HttpOnly cookie signs in GET /api/session (which hands back its CSRF token); a wrong password, a form,
 * or too many wrong passwords for a name open none; POST /logout ends the session only with its CSRF token.
 */
class SessionRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final int FAILURES_ALLOWED = 3;
    private static final String BUDI = "budi-password";

    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        TestRows.update(db.dataSource(), "DELETE FROM app_user WHERE name <> 'admin'");
        // the sign-in failures and sessions are in the database, kept as between nodes: each test starts from none
        TestRows.update(db.dataSource(), "DELETE FROM rate_bucket");
        TestRows.update(db.dataSource(), "DELETE FROM dashboard_session");
        // a few wrong passwords per name, and none given back within the test
        http = TestHttp.create(db.dataSource(), config -> {
            config.setLoginFailuresBurst(FAILURES_ALLOWED);
            config.setLoginFailuresPerMinute(1);
        });
        http.users().add("budi", Role.STAFF, BUDI);
        http.add(new SessionRoute(http.credentials())).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        return http.send("POST", "/login", "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}");
    }

    /** The session cookie's value from a login's Set-Cookie, after checking its attributes. */
    private static String cookie(HttpResponse<String> login) {
        String set = login.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(set.startsWith(ApiCredentials.SESSION_COOKIE + "=") && set.contains("HttpOnly")
                && set.contains("SameSite=Strict") && set.contains("Path=/"), set);
        return set.substring(0, set.indexOf(';'));
    }

    @Test
    void aSignInOpensASessionWhoseCookieSignsInAndCarriesItsCsrfToken() throws Exception {
        HttpResponse<String> login = login("Budi", BUDI);
        JsonNode who = TestHttp.json(login, 200);
        assertEquals("budi", who.get("user").asText());
        assertEquals("staff", who.get("role").asText());
        String csrf = who.get("csrf").asText();
        assertFalse(csrf.isBlank(), who.toString());
        String cookie = cookie(login);

        JsonNode session = TestHttp.json(http.send("GET", "/api/session", null, "Cookie", cookie), 200);
        assertEquals("budi", session.get("user").asText());
        assertEquals(csrf, session.get("csrf").asText());
        // basic auth signs in too, but has no session and so no token
        JsonNode basic = TestHttp.json(http.asAdmin("GET", "/api/session", null), 200);
        assertEquals("admin", basic.get("user").asText());
        assertTrue(basic.get("csrf").isNull(), basic.toString());
        TestHttp.error(http.send("GET", "/api/session", null), 401, "credentials required");
        TestHttp.error(http.send("GET", "/api/session", null, "Cookie", ApiCredentials.SESSION_COOKIE + "=made-up"),
                401, "session expired");
    }

    @Test
    void aWrongPasswordOrAFormOpensNoSession() throws Exception {
        HttpResponse<String> wrong = login("budi", "not-it");
        TestHttp.error(wrong, 401, "wrong user name or password");
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty(), wrong.headers().toString());
        TestHttp.error(login("nobody", BUDI), 401, "wrong user name or password");
        // a form could come from another site's page, which cannot send JSON without a preflight
        TestHttp.error(http.send("POST", "/login", "username=budi&password=" + BUDI, "Content-Type",
                "application/x-www-form-urlencoded"), 415, "JSON required");
        TestHttp.error(http.send("POST", "/login", "{\"username\": \"budi\"}"), 400, "username and password required");
        TestHttp.error(http.send("POST", "/login", "{\"username\": \"budi\", \"password\": "), 400, "not valid JSON");
    }

    @Test
    void tooManyWrongPasswordsForANameStopTheChecksEvenOfTheRightOne() throws Exception {
        for (int i = 0; i < FAILURES_ALLOWED; i++) {
            TestHttp.error(login("budi", "guess-" + i), 401, "wrong user name or password");
        }
        HttpResponse<String> throttled = login("budi", BUDI);
        TestHttp.error(throttled, 429, "too many failed sign-ins");
        assertTrue(Integer.parseInt(throttled.headers().firstValue("Retry-After").orElse("0")) > 0,
                throttled.headers().toString());
        assertTrue(throttled.headers().firstValue("Set-Cookie").isEmpty());
        // another name is not held back by budi's
        assertEquals(200, login("admin", TestHttp.ADMIN_PASSWORD).statusCode());
    }

    @Test
    void aLogoutEndsTheSessionOnlyWithItsCsrfToken() throws Exception {
        HttpResponse<String> login = login("budi", BUDI);
        String csrf = TestHttp.json(login, 200).get("csrf").asText();
        String cookie = cookie(login);

        TestHttp.error(http.send("POST", "/logout", null, "Cookie", cookie), 403, "CSRF token missing or wrong");
        TestHttp.error(http.send("POST", "/logout", null, "Cookie", cookie, "X-CSRF-Token", "forged"), 403, "CSRF");
        assertEquals(200, http.send("GET", "/api/session", null, "Cookie", cookie).statusCode(), "still signed in");

        HttpResponse<String> out = http.send("POST", "/logout", null, "Cookie", cookie, "X-CSRF-Token", csrf);
        assertTrue(TestHttp.json(out, 200).get("signedOut").asBoolean());
        assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"), out.headers().toString());
        TestHttp.error(http.send("GET", "/api/session", null, "Cookie", cookie), 401, "session expired");
        // a second logout has nothing to end
        assertFalse(TestHttp.json(http.send("POST", "/logout", null, "Cookie", cookie), 200).get("signedOut")
                .asBoolean());
    }

    @Test
    void theAnswersHoldingTheCsrfTokenAreNeverCached() throws Exception {
        HttpResponse<String> login = login("budi", BUDI);
        assertEquals("no-store", login.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-store", http.send("GET", "/api/session", null, "Cookie", cookie(login)).headers()
                .firstValue("Cache-Control").orElse(""));
    }
}
