package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kannel's sendsms takes from the user's rate limit like the rest of the API, but answers beyond it in smsbox's words
 * (503 "Temporal failure, try again later.", which Kannel clients retry) instead of the API's 429 JSON.
 */
class KannelSendsmsRateLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TEMPORAL_FAILURE = "Temporal failure, try again later.";

    @TempDir
    static Path dir;
    private static InProcessHub hub;
    private static String password;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of("switchboard.http.rate-per-second", "1", "switchboard.http.burst", "2"));
        password = Files.readString(dir.resolve("data/admin-password")).trim();
        // The password verified once beforehand (this takes nothing from the rate limit): the requests then reach the
        // limit within milliseconds of each other rather than each after its own bcrypt, well inside the 1 s refill.
        assertTrue(hub.hub().credentials().checkPassword("admin", password).isPresent());
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void beyondTheBurstTheAnswerIsKannelsTryAgainLaterAndNothingIsStoredUntilTheLimitRefills() throws Exception {
        // Three at once: were they one after another, slow commits on a busy machine could let a token refill between.
        List<String> texts = List.of("Kuota 1", "Kuota 2", "Kuota 3");
        List<CompletableFuture<HttpResponse<String>>> sent = texts.stream().map(this::sendAsync).toList();
        List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();

        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
        assertEquals(List.of(202, 202, 503), statuses, "the burst of 2 goes through, the third is refused: "
                + answers.stream().map(HttpResponse::body).toList());
        int refusedIndex = IntStream.range(0, answers.size()).filter(i -> answers.get(i).statusCode() == 503)
                .findFirst().orElseThrow();
        HttpResponse<String> refused = answers.get(refusedIndex);
        assertEquals(TEMPORAL_FAILURE, refused.body());
        assertEquals("text/html", refused.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        for (int i = 0; i < texts.size(); i++) {
            // a 202 is answered only once the SMS is committed: what is not there now never will be
            int expected = i == refusedIndex ? 0 : 1;
            assertEquals(expected, stored(texts.get(i)), texts.get(i) + " answered " + answers.get(i).statusCode());
        }

        // One token a second: a request is accepted again once the window has passed; until then each is refused alike.
        HttpResponse<String> again = await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> send("Kuota 4"), r -> {
                    if (r.statusCode() != 202) {
                        assertEquals(503, r.statusCode(), r.body());
                        assertEquals(TEMPORAL_FAILURE, r.body());
                    }
                    return r.statusCode() == 202;
                });
        assertEquals("0: Accepted for delivery", again.body());
        assertEquals(1, stored("Kuota 4"), "the refused tries stored nothing, the accepted one its SMS");
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String text) {
        return http.sendAsync(request(text), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String text) throws Exception {
        return http.send(request(text), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String text) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/cgi-bin/sendsms?username=admin"
                + "&password=" + enc(password) + "&to=" + enc("+6281234500009") + "&text=" + enc(text)))
                .timeout(WAIT).GET().build();
    }

    private static long stored(String text) throws Exception {
        return ((Number) hub.query("SELECT count(*) AS n FROM outbound_sms WHERE text = ?", text).get(0).get("n"))
                .longValue();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
