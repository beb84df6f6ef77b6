package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text the hub cannot take (a NUL, another control character, a lone surrogate, bytes that are not UTF-8) through
 * every HTTP entrance that reads text: always a 4xx naming what is wrong (Kannel's sendsms: smsbox's permanent refusal,
 * never its "try again later"), never a 5xx, and nothing stored. Before, /api/sms answered 500 and the other entrances
 * 503, as PostgreSQL refused the text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadTextTest {
    /** Each as a JSON string's escape and as what it is. */
    private static final Map<String, String> BAD = new LinkedHashMap<>();

    static {
        BAD.put("\\u0000", "a NUL byte (U+0000)");
        BAD.put("\\u001b", "a control character (U+001B)");
        BAD.put("\\u007f", "a control character (U+007F)");
        BAD.put("\\u0085", "a control character (U+0085)");
        BAD.put("\\ud800", "a lone surrogate (U+D800)");
        BAD.put("\\udc00", "a lone surrogate (U+DC00)");
    }

    /** The same, percent-encoded as UTF-8 for a query; a lone surrogate has no UTF-8, so its CESU-8 bytes. */
    private static final List<String> BAD_QUERY = List.of("%00", "%1B", "%7F", "%C2%85", "%ED%A0%80", "%C3%28", "%FF");

    private static final List<String> TABLES = List.of("outbound_sms", "broadcast", "segment", "contact",
            "kannel_sendsms", "app_user", "api_key");

    @TempDir
    static Path dir;
    private InProcessHub hub;
    private ApiClient api;
    private long contactId;

    @BeforeAll
    void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of());
        api = new ApiClient(hub.httpPort(), dir);
        api.call("PUT", "/api/segments/existing", "{\"filter\": \"major=IPA\"}", 201);
        ApiClient.expect(api.send("POST", "/api/contacts/import", "text/csv",
                "name,phone,major\nBudi,081299990001,IPA\n", true), 200);
        contactId = api.get("/api/contacts?limit=1").get("contacts").get(0).get("id").asLong();
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void jsonFieldsWithBadTextAre400NamingTheFieldAndNothingIsStored() throws Exception {
        Map<String, Long> before = counts();
        for (Map.Entry<String, String> bad : BAD.entrySet()) {
            String b = bad.getKey();
            refused(api.send("POST", "/api/sms", "application/json",
                    "{\"to\": \"+6281299990002\", \"text\": \"Hal" + b + "o\"}", true), "text", bad.getValue());
            refused(api.send("POST", "/api/sms", "application/json",
                    "{\"to\": [\"+6281299990002\", \"08" + b + "12\"], \"text\": \"Halo\"}", true), "to[1]", bad.getValue());
            refused(api.send("POST", "/api/broadcasts", "application/json",
                    "{\"filter\": \"major=IPA\", \"template\": \"Halo " + b + "{name}\"}", true), "template", bad.getValue());
            refused(api.send("POST", "/api/broadcasts", "application/json",
                    "{\"filter\": \"major=IP" + b + "A\", \"template\": \"Halo\"}", true), "filter", bad.getValue());
            // (a lone surrogate in a field's name: Jackson already refuses the JSON, also with 400)
            HttpResponse<String> name = api.send("POST", "/api/broadcasts", "application/json",
                    "{\"filter\": {\"maj" + b + "or\": \"IPA\"}, \"template\": \"Halo\"}", true);
            if (b.startsWith("\\ud") && name.statusCode() == 400) {
                ApiClient.assertError(name, 400, "not valid JSON");
            } else {
                refused(name, "filter.maj", bad.getValue());
            }
            refused(api.send("POST", "/api/broadcasts", "application/json",
                    "{\"segment\": \"exist" + b + "ing\", \"template\": \"Halo\"}", true), "segment", bad.getValue());
            refused(api.send("PATCH", "/api/contacts/" + contactId, "application/json",
                    "{\"name\": \"Bu" + b + "di\"}", true), "name", bad.getValue());
            refused(api.send("PATCH", "/api/contacts/" + contactId, "application/json",
                    "{\"attributes\": {\"major\": \"IP" + b + "S\"}}", true), "attributes.major", bad.getValue());
            refused(api.send("PUT", "/api/segments/fresh", "application/json",
                    "{\"filter\": \"major=IPA\", \"description\": \"Kelas " + b + "2018\"}", true), "description",
                    bad.getValue());
            refused(api.send("PUT", "/api/segments/existing", "application/json",
                    "{\"filter\": \"major=" + b + "\"}", true), "filter", bad.getValue());
            refused(api.send("POST", "/api/users", "application/json",
                    "{\"name\": \"ani" + b + "\", \"role\": \"staff\", \"password\": \"ani-password\"}", true), "name",
                    bad.getValue());
            refused(api.send("POST", "/api/keys", "application/json", "{\"name\": \"app" + b + "\"}", true), "name",
                    bad.getValue());
            refused(api.send("POST", "/api/users/admin/password", "application/json",
                    "{\"password\": \"new-one-" + b + "\"}", true), "password", bad.getValue());
            refused(api.send("POST", "/login", "application/json",
                    "{\"username\": \"adm" + b + "in\", \"password\": \"x\"}", false), "username", bad.getValue());
        }
        // bytes that are not UTF-8 at all: no JSON
        byte[] latin1 = "{\"to\": \"+6281299990002\", \"text\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertFourXx(api.send("POST", "/api/sms", "application/json", latin1, true), "/api/sms ISO-8859-1");
        assertEquals(before, counts());
        JsonNode contact = api.get("/api/contacts/" + contactId);
        assertEquals("Budi", contact.get("name").asText());
        assertEquals("IPA", contact.get("attributes").get("major").asText());
    }

    @Test
    void queryAndPathParametersWithBadTextAre4xx() throws Exception {
        Map<String, Long> before = counts();
        for (String q : BAD_QUERY) {
            for (String path : List.of("/api/messages?text=ujian" + q, "/api/messages?name=" + q,
                    "/api/messages?number=0812" + q, "/api/messages?attr.major=" + q, "/api/messages?attr." + q + "=x",
                    "/api/contacts?filter=major%3D" + q, "/api/contacts/count?filter=major%3DIPA" + q,
                    "/api/broadcasts?offset=" + q)) {
                HttpResponse<String> r = api.send("GET", path, null, null, true);
                assertFourXx(r, path);
                assertEquals("bad text", ApiClient.JSON.readTree(r.body()).get("error").asText(), path + " " + r.body());
            }
            for (String path : List.of("/api/segments/sma" + q, "/api/modems/gsm" + q, "/api/keys/app" + q,
                    "/api/messages/out-1" + q + "/hops", "/api/contacts/1" + q, "/dashboard/app" + q + ".js")) {
                assertFourXx(api.send("GET", path, null, null, true), "GET " + path);
                assertFourXx(api.send("DELETE", path, null, null, true), "DELETE " + path);
                // without a body: Jetty refuses some of these paths before reading one, and a client still pushing it
                // can see the connection closed before it reads the 400
                assertFourXx(api.send("PUT", path, null, null, true), "PUT " + path);
            }
        }
        assertEquals(before, counts());
    }

    @Test
    void headersAndCredentialsWithBadTextAre4xx() throws Exception {
        Map<String, Long> before = counts();
        String password = Files.readString(dir.resolve("data/admin-password")).trim();
        for (String bad : List.of("\u0000", "\u001b", "\u007f", "\u0085", "\ud800")) {
            for (String[] pair : new String[][] {{"ad" + bad + "min", password}, {"admin", password + bad}}) {
                byte[] credentials = (pair[0] + ":" + pair[1]).getBytes(StandardCharsets.UTF_8);
                for (String path : List.of("/api/contacts", "/metrics", "/api/nothing")) {
                    HttpResponse<String> r = api.send("GET", path, null, null, false, "Authorization",
                            "Basic " + Base64.getEncoder().encodeToString(credentials));
                    assertFourXx(r, path + " as " + pair[0]);
                }
            }
        }
        // control characters in header values, as no HTTP client library would send them
        for (String bad : List.of("\u0001", "\u001b", "\u007f")) {
            assertTrue(raw("POST /api/sms", "application/json", "{\"to\": \"+6281299990002\", \"text\": \"Halo\"}",
                    "Authorization: Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                            .getBytes(StandardCharsets.UTF_8)), "Idempotency-Key: order" + bad + "1").matches("4\\d\\d"),
                    "Idempotency-Key with U+" + (int) bad.charAt(0));
            assertTrue(raw("GET /api/contacts", null, null, "X-API-Key: sbk_" + bad).matches("4\\d\\d"));
        }
        assertEquals(before, counts());
    }

    @Test
    void aCsvRowWithBadTextIsRejectedInTheReportAndTheRestImported() throws Exception {
        // (a lone surrogate cannot be written in any charset a decoder takes: such a file is not text, refused below)
        String csv = "name,phone,school\nCici\u0000,081299990011,SMA 1\nDodi,081299990012,SMA\u001b 2\n"
                + "Fani,081299990014,SMA 4\n";
        JsonNode report = ApiClient.expect(api.send("POST", "/api/contacts/import", "text/csv; charset=utf-8", csv, true),
                200);
        assertEquals(3, report.get("rowsRead").asInt(), report.toString());
        assertEquals(1, report.get("created").asInt(), report.toString());
        assertEquals(2, report.get("rejected").size(), report.toString());
        assertTrue(report.get("rejected").get(0).get("reason").asText().contains("column 1 (name) has a NUL byte"),
                report.toString());
        assertTrue(report.get("rejected").get(1).get("reason").asText().contains("column 3 (school) has a control"),
                report.toString());
        List<Map<String, Object>> stored = hub.query("SELECT number FROM contact WHERE number LIKE '+6281299990%'"
                + " ORDER BY number");
        assertEquals(List.of("+6281299990001", "+6281299990014"), stored.stream().map(r -> r.get("number")).toList());
        // a bad header names no column: nothing is imported
        ApiClient.assertError(api.send("POST", "/api/contacts/import", "text/csv", "name,ph\u0000one\nGita,081299990015\n",
                true), 400, "header column 2");
        // bytes that are not the charset's: nothing is imported
        ApiClient.assertError(api.send("POST", "/api/contacts/import", "text/csv",
                "name,phone\nHana\u00e9,081299990016\n".getBytes(StandardCharsets.ISO_8859_1), true), 400, "not UTF-8");
        assertEquals(2, hub.query("SELECT number FROM contact WHERE number LIKE '+6281299990%'").size());
    }

    @Test
    void sendsmsAnswersKannelsPermanentRefusalNeverTryAgainLater() throws Exception {
        Map<String, Long> before = counts();
        String password = URLEncoder.encode(Files.readString(dir.resolve("data/admin-password")).trim(),
                StandardCharsets.UTF_8);
        String auth = "username=admin&password=" + password + "&to=%2B6281299990021";
        for (String q : BAD_QUERY) {
            kannel(api.send("GET", "/cgi-bin/sendsms?" + auth + "&text=Hal" + q + "o", null, null, false), 400,
                    "Charset or body misformed, rejected");
            kannel(api.send("GET", "/cgi-bin/sendsms?username=adm" + q + "in&password=" + password
                    + "&to=%2B6281299990021&text=Halo", null, null, false), 403, "Authorization failed for sendsms");
        }
        // (bytes that are not UTF-8 in a from or dlr-url are read as U+FFFD, as before: only the text must be text)
        for (String q : List.of("%00", "%1B", "%7F", "%C2%85")) {
            kannel(api.send("GET", "/cgi-bin/sendsms?" + auth + "&text=Halo&from=ACME" + q, null, null, false), 400,
                    "From field misformed, rejected");
            kannel(api.send("GET", "/cgi-bin/sendsms?" + auth + "&text=Halo&dlr-mask=31&dlr-url=http%3A%2F%2Fapp.example%2F"
                    + q, null, null, false), 400, "DLR-URL field misformed, rejected");
        }
        // a text/plain body: not UTF-8, a NUL, ESC; UCS-2 with a lone surrogate
        String plain = URLDecoder.decode(password, StandardCharsets.UTF_8);
        for (byte[] body : List.of(new byte[] {'H', (byte) 0xC3, 0x28}, new byte[] {'H', 0, 'i'},
                new byte[] {'H', 0x1b, 'i'})) {
            kannel(api.send("POST", "/cgi-bin/sendsms", "text/plain", body, false, "X-Kannel-Username", "admin",
                    "X-Kannel-Password", plain, "X-Kannel-To", "+6281299990021"), 400, "Charset or body misformed, rejected");
        }
        kannel(api.send("POST", "/cgi-bin/sendsms", "text/plain; charset=UTF-16BE", new byte[] {(byte) 0xD8, 0, 0, 'A'},
                false, "X-Kannel-Username", "admin", "X-Kannel-Password", plain, "X-Kannel-To", "+6281299990021",
                "X-Kannel-Coding", "2"), 400, "Charset or body misformed, rejected");
        assertEquals(before, counts());
    }

    private static void refused(HttpResponse<String> r, String field, String what) throws Exception {
        JsonNode body = ApiClient.assertError(r, 400, "bad text");
        String detail = body.get("detail").asText();
        assertTrue(detail.contains(field) && detail.contains(what) && detail.contains("at character"), r.body());
    }

    private static void assertFourXx(HttpResponse<String> r, String label) {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, label + " -> " + r.statusCode() + " " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), label + ": " + r.body());
    }

    /** Kannel's answer: smsbox's status and line, which its clients compare. */
    private static void kannel(HttpResponse<String> r, int status, String expected) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(expected, r.body());
    }

    private Map<String, Long> counts() throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            out.put(table, ((Number) hub.query("SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue());
        }
        return out;
    }

    /** A request written on a socket as it is (header values no client library sends); the answer's status. */
    private String raw(String requestLine, String type, String body, String... headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", hub.httpPort())) {
            socket.setSoTimeout(15_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: "
                    + content.length + "\r\n" + (type == null ? "" : "Content-Type: " + type + "\r\n"))
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (String h : headers) {
                out.writeBytes((h + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(content);
            socket.getOutputStream().write(out.toByteArray());
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.split(" ", 3)[1];
        }
    }
}
