package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.modem.sim.SimModem;

/**
 * Kannel's sendsms through the whole hub, as playSMS's Kannel gateway uses it: the answers in smsbox's words, the SMS
 * queued and sent by the simulated modems, and the delivery reports called back on dlr-url with Kannel's escapes.
 */
class KannelSendsmsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String UNASSIGNED = "+6281000000001";

    @TempDir
    static Path dir;
    private static InProcessHub hub;
    private static HttpServer callbacks;
    private static final List<String> called = new CopyOnWriteArrayList<>();
    private static final AtomicInteger refuseCallbacks = new AtomicInteger();
    private static String password;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of("switchboard.simulator.modems", "2",
                "switchboard.kannel.dlr.poll-millis", "50", "switchboard.kannel.dlr.first-retry-millis", "100"));
        DispatchTest.awaitModemsUp(hub.hub());
        for (SimModem m : hub.hub().simulator().modems()) {
            m.failNumber(UNASSIGNED, 1);
        }
        password = Files.readString(dir.resolve("data/admin-password")).trim();
        // The application's side: a dlr-url that answers 200, or 503 while a test wants to see retries.
        callbacks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callbacks.createContext("/dlr", exchange -> {
            int status = refuseCallbacks.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
            if (status == 200) {
                called.add(exchange.getRequestURI().getRawQuery());
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        callbacks.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (callbacks != null) {
            callbacks.stop(0);
        }
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void forgetCallbacks() {
        called.clear();
        refuseCallbacks.set(0);
    }

    private String dlrUrl(String tag) {
        return "http://127.0.0.1:" + callbacks.getAddress().getPort() + "/dlr?tag=" + tag
                + "&type=%d&to=%p&from=%P&reply=%A&time=%T&id=%I";
    }

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/cgi-bin/sendsms?"
                + query)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aPlaySmsRequestToSeveralNumbersIsAcceptedSentAndReportedForEachNumber() throws Exception {
        // playSMS writes numbers international without '+'; one of these is no number at all.
        HttpResponse<String> r = get("username=admin&password=" + enc(password) + "&from=SEKOLAH"
                + "&to=" + enc("6281234500001 081234500002 12ab") + "&text=" + enc("Ujian besok jam 7")
                + "&dlr-mask=31&dlr-url=" + enc(dlrUrl("multi")));
        assertEquals(202, r.statusCode(), r.body());
        // Kannel's default (delayed reply) answer: playSMS compares the line exactly; denied numbers go to the journal.
        assertEquals("0: Accepted for delivery", r.body());
        assertEquals("text/html", r.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        assertTrue(r.headers().firstValue("X-Kannel-Username").isEmpty());

        List<Map<String, Object>> rows = hub.query("SELECT o.id, o.recipient, o.lane, o.requested_by, k.sender, k.dlr_mask"
                + " FROM outbound_sms o JOIN kannel_sendsms k ON k.sms_id = o.id WHERE o.text = 'Ujian besok jam 7'"
                + " ORDER BY o.id");
        assertEquals(List.of("+6281234500001", "+6281234500002"), rows.stream().map(m -> m.get("recipient")).toList());
        assertEquals(0, ((Number) rows.get(0).get("lane")).intValue());
        assertEquals("admin", rows.get(0).get("requested_by"));
        assertEquals("SEKOLAH", rows.get(0).get("sender"));

        await().atMost(WAIT).until(() -> hub.delivered().stream().filter(d -> d.text().equals("Ujian besok jam 7"))
                .map(DeliveredSms::to).sorted().toList(), l -> l.equals(List.of("+6281234500001", "+6281234500002")));
        // Each number: accepted by the SMSC (8), then the network's status report says delivered (1).
        await().atMost(WAIT).until(() -> called.stream().filter(q -> q.startsWith("tag=multi")).count() == 4);
        for (String to : List.of("%2B6281234500001", "%2B6281234500002")) {
            assertTrue(called.stream().anyMatch(q -> q.contains("&type=8&to=" + to + "&from=SEKOLAH&reply=ACK%2F&")),
                    called.toString());
            assertTrue(called.stream().anyMatch(q -> q.contains("&type=1&to=" + to + "&from=SEKOLAH&reply=Success&")),
                    called.toString());
        }
        long id = ((Number) rows.get(0).get("id")).longValue();
        String delivered = called.stream().filter(q -> q.contains("type=1&to=%2B6281234500001")).findFirst().orElseThrow();
        assertTrue(delivered.endsWith("&id=" + id), delivered);
        long time = Long.parseLong(delivered.replaceAll(".*&time=(\\d+)&.*", "$1"));
        assertTrue(Math.abs(time - System.currentTimeMillis() / 1000) < 600, delivered);
        await().atMost(WAIT).until(() -> hub.journal("outbound_sms").stream()
                .filter(j -> ((Number) j.get("message_id")).longValue() == id).map(j -> j.get("hop")).toList(),
                hops -> hops.contains("sms-stored") && hops.stream().filter("dlr-called"::equals).count() == 2);
    }

    @Test
    void aNumberTheNetworkRefusesIsReportedAsNotDeliveredToTheSmsc() throws Exception {
        HttpResponse<String> r = get("username=admin&password=" + enc(password) + "&to=" + enc(UNASSIGNED)
                + "&text=Halo&dlr-mask=3&dlr-url=" + enc(dlrUrl("failed")));
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("0: Accepted for delivery", r.body());
        // Kannel reports a refused submit as type 16 when the mask asks for 16 or for 2 (bb_smscconn.c).
        await().atMost(WAIT).until(() -> called.stream().filter(q -> q.startsWith("tag=failed")).toList(),
                l -> l.size() == 1);
        String q = called.stream().filter(c -> c.startsWith("tag=failed")).findFirst().orElseThrow();
        assertTrue(q.contains("&type=16&to=%2B6281000000001&from=&reply=NACK%2F"), q);
    }

    /** Kannel sends what its escapes give; Java's URI parser would refuse the braces and bars and the call fail for good. */
    @Test
    void aDlrUrlWithEscapesTheHubLacksAndCharactersJavaRefusesIsStillCalled() throws Exception {
        String url = "http://127.0.0.1:" + callbacks.getAddress().getPort()
                + "/dlr?tag=odd&billing=%B&class=%m&meta=%#smpp#x#&json={\"type\":%d}&bar=a|b";
        HttpResponse<String> r = get("username=admin&password=" + enc(password) + "&to=081234500011&text=Odd"
                + "&dlr-mask=8&dlr-url=" + enc(url));
        assertEquals(202, r.statusCode(), r.body());
        await().atMost(WAIT).until(() -> called.stream().anyMatch(q -> q.startsWith("tag=odd")));
        assertEquals("tag=odd&billing=&class=&meta=&json=%7B%22type%22:8%7D&bar=a%7Cb",
                called.stream().filter(q -> q.startsWith("tag=odd")).findFirst().orElseThrow());
    }

    @Test
    void aDlrUrlThatFailsIsCalledAgainLater() throws Exception {
        refuseCallbacks.set(2);
        HttpResponse<String> r = get("username=admin&password=" + enc(password) + "&to=081234500003&text=Retry"
                + "&dlr-mask=8&dlr-url=" + enc(dlrUrl("retry")));
        assertEquals(202, r.statusCode(), r.body());
        await().atMost(WAIT).until(() -> called.stream().anyMatch(q -> q.startsWith("tag=retry&type=8")));
        assertEquals(0, refuseCallbacks.get());
        // the callback is answered before its outcome is committed: wait for that
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(Map.of("status", "SENT", "attempts", 3)),
                hub.query("SELECT d.status, d.attempts FROM kannel_dlr d JOIN outbound_sms o ON o.id = d.sms_id"
                        + " WHERE o.text = 'Retry'")));
    }

    /**
     * playSMS's Kannel gateway writes "GET ... HTTP/1.0" on a socket, reads the answer line by line until the server
     * closes, and compares a line with "0: Accepted for delivery" exactly; its Unicode text comes as UCS-2BE bytes with
     * charset=UTF-16BE and coding=2.
     */
    @Test
    void playSmsReadingTheAnswerFromARawHttp10SocketFindsKannelsExactLine() throws Exception {
        String text = "Pengumuman السلام";
        StringBuilder ucs2 = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_16BE)) {
            ucs2.append('%').append(String.format("%02X", b & 0xFF));
        }
        String request = "GET /cgi-bin/sendsms?username=admin&password=" + enc(password) + "&from=playSMS"
                + "&to=081234500006&dlr-mask=31&dlr-url=" + enc(dlrUrl("playsms")) + "&account=1-admin&smsc=default"
                + "&charset=UTF-16BE&coding=2&text=" + ucs2 + " HTTP/1.0\r\n\r\n";
        List<String> lines;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", hub.httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            // Read to the end: the server must close an HTTP/1.0 connection, or playSMS waits forever.
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            lines = List.of(all.split("\r\n", -1));
        }
        assertTrue(lines.get(0).startsWith("HTTP/1.") && lines.get(0).contains(" 202"), lines.get(0));
        assertEquals("0: Accepted for delivery", lines.get(lines.size() - 1), lines.toString());
        await().atMost(WAIT).until(() -> hub.delivered().stream().anyMatch(d -> d.to().equals("+6281234500006")
                && d.text().equals(text)));
    }

    @Test
    void aWrongPasswordGetsKannelsAuthorizationFailure() throws Exception {
        HttpResponse<String> r = get("username=admin&password=wrong&to=081234567890&text=x");
        assertEquals(403, r.statusCode());
        assertEquals("Authorization failed for sendsms", r.body());
        assertEquals(403, get("to=081234567890&text=x").statusCode());
    }

    /** sendsms signs in through the API's own password check, whose cache a password change clears at once. */
    @Test
    void aChangedPasswordStopsWorkingForSendsmsAtOnce() throws Exception {
        String admin = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                + "/api/users")).header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"kannelapp\",\"role\":\"staff\","
                        + "\"password\":\"first-password\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, added.statusCode(), added.body());
        assertEquals(202, get("username=kannelapp&password=first-password&to=081234500012&text=x").statusCode());
        HttpResponse<String> changed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                + "/api/users/kannelapp/password")).header("Authorization", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"second-password\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(403, get("username=kannelapp&password=first-password&to=081234500012&text=x").statusCode());
        assertEquals(202, get("username=kannelapp&password=second-password&to=081234500012&text=x").statusCode());
    }

    @Test
    void missingOrEmptyReceiversAndUnusableNumbersGetKannelsAnswers() throws Exception {
        HttpResponse<String> missing = get("username=admin&password=" + enc(password) + "&text=x");
        assertEquals(400, missing.statusCode());
        assertEquals("Missing receiver number, rejected", missing.body());
        HttpResponse<String> empty = get("username=admin&password=" + enc(password) + "&to=&text=x");
        assertEquals(400, empty.statusCode());
        assertEquals("Empty receiver number not allowed, rejected", empty.body());
        HttpResponse<String> denied = get("username=admin&password=" + enc(password) + "&to=abc&text=x");
        assertEquals(400, denied.statusCode());
        assertEquals("Number(s) has/have been denied by white- and/or black-lists.", denied.body());
        HttpResponse<String> mask = get("username=admin&password=" + enc(password) + "&to=081234567890&text=x&dlr-mask=99");
        assertEquals("DLR-Mask field misformed, rejected", mask.body());
        // As smsbox_req_handle: the numbers first, then the other fields.
        HttpResponse<String> both = get("username=admin&password=" + enc(password) + "&to=abc&text=x&dlr-mask=99&coding=7");
        assertEquals(400, both.statusCode());
        assertEquals("Number(s) has/have been denied by white- and/or black-lists.", both.body());
    }

    @Test
    void aMissingTextIsSentAsAnEmptySmsAsKannelDoes() throws Exception {
        HttpResponse<String> r = get("username=admin&password=" + enc(password) + "&to=081234500009");
        assertEquals(202, r.statusCode(), r.body());
        await().atMost(WAIT).until(() -> hub.delivered().stream().anyMatch(d -> d.to().equals("+6281234500009")
                && d.text().isEmpty()));
    }

    /**
     * The reply is text/html on the hub's origin, where the dashboard's session cookie lives: a refused receiver must
     * never come back in it, and a browser must neither sniff nor run anything in any sendsms reply.
     */
    @Test
    void aReceiverWithMarkupIsNeverEchoedAndEveryReplyForbidsScripts() throws Exception {
        String markup = "<svg/onload=alert(document.cookie)>";
        HttpResponse<String> some = get("username=admin&password=" + enc(password) + "&to=" + enc("081234500010 " + markup)
                + "&text=Markup");
        assertEquals(202, some.statusCode(), some.body());
        assertEquals("0: Accepted for delivery", some.body());
        HttpResponse<String> none = get("username=admin&password=" + enc(password) + "&to=" + enc(markup) + "&text=x");
        assertEquals(400, none.statusCode());
        HttpResponse<String> badAuth = get("username=admin&password=wrong&to=" + enc(markup) + "&text=x");
        for (HttpResponse<String> r : List.of(some, none, badAuth)) {
            assertTrue(!r.body().contains("<"), r.body());
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
            assertEquals("default-src 'none'", r.headers().firstValue("Content-Security-Policy").orElse(null));
            assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(null));
        }
        long id = ((Number) hub.query("SELECT id FROM outbound_sms WHERE text = 'Markup'").get(0).get("id")).longValue();
        await().atMost(WAIT).until(() -> hub.journal("outbound_sms").stream()
                .anyMatch(j -> ((Number) j.get("message_id")).longValue() == id && "sms-stored".equals(j.get("hop"))
                        && String.valueOf(j.get("detail")).contains("denied in the same request: " + markup)));
    }

    @Test
    void aPlainTextPostWithXKannelHeadersIsAccepted() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                + "/cgi-bin/sendsms")).header("Content-Type", "text/plain; charset=utf-8")
                .header("X-Kannel-Username", "admin").header("X-Kannel-Password", password)
                .header("X-Kannel-To", "081234500004").header("X-Kannel-Validity", "60")
                .POST(HttpRequest.BodyPublishers.ofString("Rapat guru ☺")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("0: Accepted for delivery", r.body());
        await().atMost(WAIT).until(() -> hub.delivered().stream().anyMatch(d -> d.to().equals("+6281234500004")
                && d.text().equals("Rapat guru ☺")));
        long id = ((Number) hub.query("SELECT sms_id FROM kannel_sendsms WHERE validity_minutes = 60").get(0).get("sms_id"))
                .longValue();
        assertTrue(hub.journal("outbound_sms").stream().anyMatch(j -> ((Number) j.get("message_id")).longValue() == id
                && "sms-stored".equals(j.get("hop"))
                && String.valueOf(j.get("detail")).contains("validity 60 min (not sent after that)")));
        HttpResponse<String> noAuth = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                + "/cgi-bin/sendsms")).header("Content-Type", "text/plain").header("X-Kannel-To", "081234500004")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, noAuth.statusCode());
    }

    /**
     * validity 1 and deferred 5 minutes: the SMS would go out after its validity. The clock is moved by moving the row's
     * times back; it fails unsent, and the dlr-url hears a refusal.
     */
    @Test
    void anSmsWhoseValidityPassedIsNeverSentAndReportedAsRefused() throws Exception {
        HttpResponse<String> r = get("username=admin&password=" + enc(password) + "&to=081234500013&text=Expired"
                + "&validity=1&deferred=5&dlr-mask=3&dlr-url=" + enc(dlrUrl("expired")));
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(List.of(Map.of("valid", true)), hub.query("SELECT expires_at = created_at + interval '1 minute' AS valid"
                + " FROM outbound_sms WHERE text = 'Expired'"));
        hub.query("UPDATE outbound_sms SET next_attempt_at = now(), expires_at = now() - interval '1 second'"
                + " WHERE text = 'Expired' RETURNING id");
        await().atMost(WAIT).until(() -> hub.query("SELECT status, error FROM outbound_sms WHERE text = 'Expired'"),
                rows -> rows.equals(List.of(Map.of("status", "FAILED", "error", "validity expired"))));
        await().atMost(WAIT).until(() -> called.stream().anyMatch(q -> q.startsWith("tag=expired")));
        String q = called.stream().filter(c -> c.startsWith("tag=expired")).findFirst().orElseThrow();
        assertTrue(q.contains("&type=16&to=%2B6281234500013&from=&reply=NACK%2Fvalidity+expired&"), q);
        assertTrue(hub.delivered().stream().noneMatch(d -> d.text().equals("Expired")));
    }

    @Test
    void udhAndEightBitDataAreRefusedAndNothingIsStored() throws Exception {
        HttpResponse<String> udh = get("username=admin&password=" + enc(password) + "&to=081234500014&text=Udh"
                + "&udh=" + enc("\u0005\u0000\u0003\u0001\u0002\u0001"));
        assertEquals(400, udh.statusCode());
        assertEquals("UDH field not supported, the hub's modems send text only, rejected", udh.body());
        HttpResponse<String> binary = get("username=admin&password=" + enc(password) + "&to=081234500014&text=Udh&coding=1");
        assertEquals(400, binary.statusCode());
        assertEquals("Coding field 1 (8-bit) not supported, the hub's modems send text only, rejected", binary.body());
        assertEquals(List.of(), hub.query("SELECT id FROM outbound_sms WHERE text = 'Udh'"));
    }

    @Test
    void aFormPostIsAcceptedLikeAGet() throws Exception {
        String form = "username=admin&password=" + enc(password) + "&to=081234500005&text=" + enc("a&b=c");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                + "/cgi-bin/sendsms")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        await().atMost(WAIT).until(() -> hub.delivered().stream().anyMatch(d -> d.to().equals("+6281234500005")
                && d.text().equals("a&b=c")));
    }
}
