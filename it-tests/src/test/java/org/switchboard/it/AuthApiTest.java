package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may use the hub's HTTP API, over real HTTP to a hub in this JVM: nothing but /health without credentials,
 * roles, API keys and their revocation, the rate limit, the dashboard's session cookie and CSRF token, and errors
 * (oversized bodies, unknown paths, bad JSON) answered as JSON without a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 100_000;
    private static final int RATE = 5;
    private static final int BURST = 50;

    @TempDir
    static Path dir;
    private InProcessHub hub;
    private String adminPassword;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of("switchboard.http.max-body-bytes", String.valueOf(MAX_BODY),
                "switchboard.http.rate-per-second", String.valueOf(RATE),
                "switchboard.http.burst", String.valueOf(BURST)));
        adminPassword = Files.readString(dir.resolve("data/admin-password")).trim();
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void withoutCredentialsEverythingButHealthIs401() throws Exception {
        for (String path : List.of("/api/messages/in-1/hops", "/api/contacts", "/api/contacts/import", "/api/segments",
                "/api/segments/x", "/api/broadcasts/1", "/api/users", "/api/keys", "/api/keys/x", "/api/session",
                "/api/nothing", "/api", "/api/sms", "/api/messages", "/api/modems", "/api/modems/gsm1", "/metrics",
                "/api/openapi.json", "/api/users/x/password", "/api/users/admin/password", "/api/broadcasts",
                "/api/contacts/1", "/api/contacts/count")) {
            for (String method : List.of("GET", "POST")) {
                HttpResponse<String> r = send(request(method, path, "{}"));
                assertError(r, 401, "credentials required");
                assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), path);
            }
        }
        assertError(send(request("GET", "/api/contacts", null).header("Authorization", basic("admin", "wrong"))), 401,
                "wrong user name or password");
        assertError(send(request("GET", "/api/contacts", null).header("X-API-Key", "sbk_made-up")), 401, "API key");
        // Kannel's sendsms answers in smsbox's words, not JSON
        for (String query : List.of("?to=%2B6281234500009&text=x", "?username=admin&password=wrong&to=%2B6281234500009&text=x")) {
            HttpResponse<String> kannel = send(request("GET", "/cgi-bin/sendsms" + query, null));
            assertEquals(403, kannel.statusCode(), kannel.body());
            assertEquals("Authorization failed for sendsms", kannel.body());
        }
        int health = send(request("GET", "/health", null)).statusCode();
        assertTrue(health == 200 || health == 503, "health answers without credentials: " + health);
    }

    @Test
    void staffCannotReachAdminOnlyEndpoints() throws Exception {
        assertEquals(201, send(asAdmin("POST", "/api/users",
                "{\"name\": \"Budi\", \"role\": \"staff\", \"password\": \"budi-password\"}")).statusCode());
        String staff = basic("budi", "budi-password");
        assertEquals(200, send(request("GET", "/api/contacts", null).header("Authorization", staff)).statusCode());
        JsonNode session = JSON.readTree(send(request("GET", "/api/session", null).header("Authorization", staff)).body());
        assertEquals("budi", session.get("user").asText());
        assertEquals("staff", session.get("role").asText());
        for (String[] call : new String[][] {{"GET", "/api/users"}, {"POST", "/api/users"}, {"GET", "/api/keys"},
            {"POST", "/api/keys"}, {"DELETE", "/api/keys/anything"}}) {
            assertError(send(request(call[0], call[1], "{\"name\": \"x\", \"role\": \"admin\", \"password\": \"12345678\"}")
                    .header("Authorization", staff)), 403, "admin only");
        }
        assertError(send(request("POST", "/api/users/admin/password", "{\"password\": \"taken-over\"}")
                .header("Authorization", staff)), 403, "admin only");
        // their own password they may change, given the current one; the old one stops working at once despite the cache
        assertError(send(request("POST", "/api/users/budi/password", "{\"password\": \"budi-password-2\"}")
                .header("Authorization", staff)), 400, "current password required");
        assertError(send(request("POST", "/api/users/budi/password",
                "{\"password\": \"budi-password-2\", \"currentPassword\": \"not-it\"}").header("Authorization", staff)),
                403, "current password wrong");
        assertEquals(200, send(request("POST", "/api/users/budi/password",
                "{\"password\": \"budi-password-2\", \"currentPassword\": \"budi-password\"}")
                .header("Authorization", staff)).statusCode());
        assertError(send(request("GET", "/api/contacts", null).header("Authorization", staff)), 401, "wrong");
        assertEquals(200, send(request("GET", "/api/contacts", null)
                .header("Authorization", basic("budi", "budi-password-2"))).statusCode());
        assertTrue(send(asAdmin("GET", "/api/users", null)).body().contains("\"budi\""));
        assertEquals(Optional.of("staff"), hub.hub().credentials().checkPassword("budi", "budi-password-2"));
        assertEquals(Optional.empty(), hub.hub().credentials().checkPassword("budi", "budi-password"));
        // an admin sets someone else's without knowing it
        assertEquals(200, send(asAdmin("POST", "/api/users/budi/password", "{\"password\": \"budi-password-3\"}"))
                .statusCode());
        assertEquals(Optional.of("staff"), hub.hub().credentials().checkPassword("budi", "budi-password-3"));
        assertError(send(asAdmin("POST", "/api/users", "{\"name\": \"budi\", \"role\": \"staff\", \"password\": \"12345678\"}")),
                409, "already");
        assertError(send(asAdmin("POST", "/api/users", "{\"name\": \"ani\", \"role\": \"boss\", \"password\": \"12345678\"}")),
                400, "role must be admin or staff");
    }

    @Test
    void anApiKeyWorksUntilItIsRevoked() throws Exception {
        HttpResponse<String> created = send(asAdmin("POST", "/api/keys", "{\"name\": \"playsms\", \"role\": \"staff\"}"));
        assertEquals(201, created.statusCode(), created.body());
        String key = JSON.readTree(created.body()).get("key").asText();
        assertTrue(key.startsWith("sbk_"), key);
        HttpResponse<String> listed = send(asAdmin("GET", "/api/keys", null));
        assertTrue(listed.body().contains("\"playsms\"") && !listed.body().contains(key), listed.body());

        HttpResponse<String> withKey = send(request("GET", "/api/session", null).header("X-API-Key", key));
        assertEquals(200, withKey.statusCode(), withKey.body());
        assertEquals("key:playsms", JSON.readTree(withKey.body()).get("user").asText());
        assertEquals(200, send(request("GET", "/api/contacts", null).header("X-API-Key", key)).statusCode());
        // a key needs no CSRF token: it is not a cookie a browser sends by itself
        assertEquals(201, send(request("PUT", "/api/segments/from-key", "{\"filter\": \"major=IPA\"}")
                .header("X-API-Key", key)).statusCode());
        assertError(send(request("GET", "/api/users", null).header("X-API-Key", key)), 403, "admin only");

        assertEquals(200, send(asAdmin("DELETE", "/api/keys/playsms", null)).statusCode());
        assertError(send(request("GET", "/api/contacts", null).header("X-API-Key", key)), 401, "revoked");
        assertError(send(asAdmin("DELETE", "/api/keys/playsms", null)), 404, "no such API key");
    }

    @Test
    void aCallerOverItsRateGets429WithRetryAfter() throws Exception {
        String key = JSON.readTree(send(asAdmin("POST", "/api/keys", "{\"name\": \"eager\", \"role\": \"staff\"}")).body())
                .get("key").asText();
        HttpResponse<String> limited = null;
        // the bucket holds BURST and refills RATE a second: requests on loopback come far faster than that
        for (int i = 0; i < 20 * BURST && limited == null; i++) {
            HttpResponse<String> r = send(request("GET", "/api/session", null).header("X-API-Key", key));
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertEquals(200, r.statusCode(), r.body());
            }
        }
        assertNotNull(limited, "no 429 after " + 20 * BURST + " requests");
        assertError(limited, 429, "too many requests");
        assertTrue(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        // another caller has a bucket of its own
        assertEquals(200, send(asAdmin("GET", "/api/session", null)).statusCode());
    }

    @Test
    void theDashboardSignsInWithAnHttpOnlySameSiteCookieAndChangesNeedTheCsrfToken() throws Exception {
        assertError(send(request("POST", "/login", "{\"username\": \"admin\", \"password\": \"wrong\"}")), 401, "wrong");
        assertError(send(request("POST", "/login", "{\"username\": \"admin\"}")), 400, "username and password");
        HttpResponse<String> login = send(request("POST", "/login",
                "{\"username\": \"admin\", \"password\": \"" + adminPassword + "\"}"));
        assertEquals(200, login.statusCode(), login.body());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("switchboard_session="), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        JsonNode signedIn = JSON.readTree(login.body());
        assertEquals("admin", signedIn.get("user").asText());
        assertEquals("admin", signedIn.get("role").asText());
        String csrf = signedIn.get("csrf").asText();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        JsonNode session = JSON.readTree(send(request("GET", "/api/session", null).header("Cookie", cookie)).body());
        assertEquals(csrf, session.get("csrf").asText());
        assertEquals(200, send(request("GET", "/api/contacts", null).header("Cookie", cookie)).statusCode());
        HttpResponse<String> noToken = send(request("PUT", "/api/segments/by-cookie", "{\"filter\": \"major=IPA\"}")
                .header("Cookie", cookie));
        assertError(noToken, 403, "CSRF");
        assertError(send(request("PUT", "/api/segments/by-cookie", "{\"filter\": \"major=IPA\"}")
                .header("Cookie", cookie).header("X-CSRF-Token", csrf + "x")), 403, "CSRF");
        assertEquals(201, send(request("PUT", "/api/segments/by-cookie", "{\"filter\": \"major=IPA\"}")
                .header("Cookie", cookie).header("X-CSRF-Token", csrf)).statusCode());
        assertEquals("admin (HTTP API)", JSON.readTree(send(asAdmin("GET", "/api/segments/by-cookie", null)).body())
                .get("createdBy").asText());

        // JSON only: another site's page can post a form or text/plain here (login CSRF), never JSON without CORS
        for (String[] crossSite : new String[][] {{"application/x-www-form-urlencoded", "username=admin&password="
                + adminPassword}, {"text/plain", "{\"username\": \"admin\", \"password\": \"" + adminPassword + "\"}"}}) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", crossSite[0])
                    .POST(HttpRequest.BodyPublishers.ofString(crossSite[1])));
            assertError(refused, 415, "JSON required");
            assertFalse(refused.headers().firstValue("Set-Cookie").isPresent(), crossSite[0]);
        }
        // signing out ends the session
        assertError(send(request("POST", "/logout", null).header("Cookie", cookie)), 403, "CSRF");
        HttpResponse<String> out = send(request("POST", "/logout", null).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf));
        assertEquals(200, out.statusCode(), out.body());
        assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        HttpResponse<String> after = send(request("GET", "/api/session", null).header("Cookie", cookie));
        assertError(after, 401, "session expired");
        assertFalse(after.headers().firstValue("WWW-Authenticate").isPresent(),
                "no basic-auth challenge to a browser page: it would open the browser's password dialog");
    }

    @Test
    void oversizedBodiesAre413Json() throws Exception {
        String big = "name,phone\n" + "Budi,081234567890\n".repeat(MAX_BODY / 10);
        // Refused from Content-Length, unread: the request goes without its body. A client that pushes a body the
        // server will not read can see the connection reset before it reads the 413 (seen here under load).
        assertError(headersOnly("/api/contacts/import", 2 * MAX_BODY, basic("admin", adminPassword)), 413, "too large");
        // sent in chunks, without a Content-Length: cut off while it is read
        HttpRequest.Builder chunked = HttpRequest.newBuilder(uri("/api/contacts/import"))
                .header("Authorization", basic("admin", adminPassword)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));
        assertError(send(chunked), 413, "too large");
        // even before credentials are looked at
        assertError(headersOnly("/api/contacts/import", 2 * MAX_BODY, null), 413, "too large");
    }

    @Test
    void unknownPathsAndBadJsonAreJson4xxWithoutAStackTrace() throws Exception {
        assertError(send(request("GET", "/nothing-here", null)), 404, "no such resource");
        assertError(send(request("DELETE", "/nothing/here", null)), 404, "no such resource");
        assertError(send(asAdmin("GET", "/api/nothing", null)), 404, "no such resource");
        assertError(send(asAdmin("POST", "/api/users", "{oops")), 400, "not valid JSON");
        assertError(send(asAdmin("POST", "/api/keys", "[1, 2")), 400, "not valid JSON");
        assertError(send(request("POST", "/login", "{\"username\": ")), 400, "not valid JSON");
        assertError(send(asAdmin("PUT", "/api/segments/x", "{oops")), 400, "not valid JSON");
        assertError(send(request("GET", "/login", null)), 405, "method not allowed");
    }

    private static void assertError(HttpResponse<String> r, int status, String expected) throws Exception {
        assertError(new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Authorization").isPresent(), r.body(), r.uri() + " " + r.headers().map()),
                status, expected);
    }

    private static void assertError(Answer r, int status, String expected) throws Exception {
        assertEquals(status, r.status(), r.label() + ": " + r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.label());
        JsonNode body = JSON.readTree(r.body());
        assertNotNull(body.get("error"), r.body());
        assertTrue(body.has("detail"), r.body());
        String text = body.get("error").asText() + " " + body.path("detail").asText();
        assertTrue(text.contains(expected), r.body());
        assertFalse(r.body().contains("\tat ") || r.body().contains("at org.") || r.body().contains("Exception"),
                "no stack trace: " + r.body());
        assertFalse(r.authorizationEchoed());
    }

    /** An HTTP answer as the assertions read it, whichever client got it. */
    private record Answer(int status, String contentType, boolean authorizationEchoed, String body, String label) {
    }

    /**
     * A POST announcing {@code contentLength} bytes of CSV that sends none of them, over a plain socket (HttpClient
     * always sends the body it announces), and the answer read until the server closes.
     */
    private Answer headersOnly(String path, int contentLength, String authorization) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", hub.httpPort())) {
            socket.setSoTimeout(15_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + hub.httpPort()
                    + "\r\nContent-Type: text/csv\r\nContent-Length: " + contentLength + "\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            assertTrue(split > 0, "no complete answer: " + raw);
            List<String> lines = List.of(raw.substring(0, split).split("\r\n"));
            int status = Integer.parseInt(lines.get(0).split(" ")[1]);
            Map<String, String> headers = new java.util.HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
            }
            String body = raw.substring(split + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Answer(status, headers.getOrDefault("content-type", ""), headers.containsKey("authorization"),
                    body, path + " " + headers);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder asAdmin(String method, String path, String body) {
        return request(method, path, body).header("Authorization", basic("admin", adminPassword));
    }

    private HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
