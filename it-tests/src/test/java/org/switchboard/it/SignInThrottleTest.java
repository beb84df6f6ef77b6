package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong passwords per user name (basic auth, POST /login, sendsms) are limited apart from the user's API rate limit:
 * beyond the allowance a name's passwords are not checked (no bcrypt) and the answer is 429 JSON (sendsms: smsbox's
 * 503), while a right password already verified keeps working and sign-in attempts never take from the API bucket.
 */
// by name: the first test's few admin API requests come before the second's failed logins, whatever they do to it
@TestMethodOrder(MethodOrderer.MethodName.class)
class SignInThrottleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FAILURE_BURST = 3;

    @TempDir
    static Path dir;
    private static InProcessHub hub;
    private static String adminPassword;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        // One failure a minute: the bucket cannot refill while a test runs. An API bucket of 10 at 1 a second.
        hub = InProcessHub.start(dir, Map.of("switchboard.http.rate-per-second", "1", "switchboard.http.burst", "10",
                "switchboard.http.login-failures-per-minute", "1",
                "switchboard.http.login-failures-burst", String.valueOf(FAILURE_BURST),
                "switchboard.http.auth-cache-seconds", "3600"));
        adminPassword = Files.readString(dir.resolve("data/admin-password")).trim();
        // verified once: from now on admin's right password comes from the cache
        assertTrue(hub.hub().credentials().checkPassword("admin", adminPassword).isPresent());
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void beyondItsFailuresANamesPasswordsAreNotCheckedButACachedRightOneStillWorks() throws Exception {
        assertEquals(201, send(get("/api/users").header("Authorization", basic("admin", adminPassword))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"ani\", \"role\": \"staff\", \"password\": \"ani-password\"}"))
                .header("Content-Type", "application/json")).statusCode());
        for (int i = 0; i < FAILURE_BURST; i++) {
            assertEquals(401, send(get("/api/contacts").header("Authorization", basic("ani", "guess-" + i))).statusCode());
        }
        assertTooManyFailures(send(get("/api/contacts").header("Authorization", basic("ani", "guess-x"))));
        // the right password is not even compared now (that is the bcrypt saved), so it is refused alike
        assertTooManyFailures(send(get("/api/contacts").header("Authorization", basic("ani", "ani-password"))));
        assertTooManyFailures(send(login("ani", "ani-password")));
        HttpResponse<String> kannel = send(sendsms("ani", "ani-password", "Halo"));
        assertEquals(503, kannel.statusCode(), kannel.body());
        assertEquals("Temporal failure, try again later.", kannel.body());

        // admin's failures are admin's own, and a right password in the cache passes whatever the bucket holds
        for (int i = 0; i < FAILURE_BURST; i++) {
            assertEquals(401, send(get("/api/contacts").header("Authorization", basic("admin", "guess-" + i))).statusCode());
        }
        assertTooManyFailures(send(get("/api/contacts").header("Authorization", basic("admin", "guess-x"))));
        assertEquals(200, send(get("/api/contacts").header("Authorization", basic("admin", adminPassword))).statusCode());
        // right passwords do not count as failures: a name whose passwords are right is never throttled
        assertEquals(201, send(get("/api/users").header("Authorization", basic("admin", adminPassword))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"budi\", \"role\": \"staff\", \"password\": \"budi-password\"}"))
                .header("Content-Type", "application/json")).statusCode());
        for (int i = 0; i < 2 * FAILURE_BURST; i++) {
            assertEquals("staff",
                    hub.hub().credentials().signIn("budi", "budi-password").role().orElse("refused " + i));
            hub.hub().credentials().passwordChanged("budi"); // out of the cache: each check is a real one
        }
    }

    @Test
    void failedLoginsForAdminTakeNothingFromAdminsApiLimit() throws Exception {
        // Far more than admin's API bucket holds: were sign-in attempts taken from it, admin would now be locked out.
        for (int i = 0; i < 30; i++) {
            int status = send(login("admin", "guess-" + i)).statusCode();
            assertTrue(status == 401 || status == 429, "login " + i + ": " + status);
        }
        assertTooManyFailures(send(login("admin", "guess-last")));
        HttpResponse<String> api = send(get("/api/contacts").header("Authorization", basic("admin", adminPassword)));
        assertEquals(200, api.statusCode(), api.body());
        HttpResponse<String> kannel = send(sendsms("admin", adminPassword, "Masih bisa"));
        assertEquals(202, kannel.statusCode(), kannel.body());
    }

    @Test
    void connectionsThatAllMissTheCacheAtOnceShareOnePasswordCheck() throws Exception {
        // An application's connections, all with the right password, arriving together while it is not (or no longer)
        // in the cache: more of them than the name may fail. Each taking its own check took a failure token before
        // its bcrypt and answered the rest "try again later"; now one checks and the others share its outcome.
        new org.switchboard.auth.UserStore(hub.hub().database().dataSource())
                .add("citra", org.switchboard.auth.Role.STAFF, "citra-password");
        int connections = 4 * FAILURE_BURST;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(connections);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(connections);
        try {
            List<java.util.concurrent.Future<org.switchboard.hub.http.ApiCredentials.SignIn>> signIns =
                    new java.util.ArrayList<>();
            for (int i = 0; i < connections; i++) {
                signIns.add(pool.submit(() -> {
                    together.await();
                    return hub.hub().credentials().signIn("citra", "citra-password");
                }));
            }
            for (var signIn : signIns) {
                var s = signIn.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertFalse(s.throttled(), "a right password answered 'too many failures'");
                assertEquals(java.util.Optional.of("staff"), s.role());
            }
        } finally {
            pool.shutdownNow();
        }
        // and a wrong password still fails, from the cache or not
        assertTrue(hub.hub().credentials().signIn("citra", "guess").role().isEmpty());
    }

    private static void assertTooManyFailures(HttpResponse<String> r) throws Exception {
        assertEquals(429, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("too many failed sign-ins", body.path("error").asText(), r.body());
        long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path));
    }

    private HttpRequest.Builder login(String user, String password) throws Exception {
        return get("/login").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                JSON.writeValueAsString(Map.of("username", user, "password", password))));
    }

    private HttpRequest.Builder sendsms(String user, String password, String text) {
        return get("/cgi-bin/sendsms?username=" + enc(user) + "&password=" + enc(password) + "&to="
                + enc("+6281234500009") + "&text=" + enc(text));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
