package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.switchboard.it.InProcessHub.WAIT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.sip.Sipp;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.TestDatabases;

/**
 * /health, /metrics and /api/modems of a hub in this JVM with the simulator's two modems, the test's own GreenMail (so
 * that SMTP can go away) and the SIP listener: every check named and UP, a modem that stops answering, an SMTP
 * server that is gone or a database refusing connections turn /health 503 with the reason, the Prometheus text parses and its figures follow an SMS
 * sent, and neither credentials nor message content leak.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Distinctive, so that finding them anywhere in /health means they leaked.
    private static final String SMTP_PASSWORD = "smtp-Pw-4f9c2";
    private static final String IMAP_USER = "replies@switchboard.local";
    private static final String IMAP_PASSWORD = "imap-Pw-81d7e";
    private static final String SECRET_TEXT = "Kode rahasia 7731";

    @TempDir
    static Path dir;
    private OutageMailServer mailServer;
    private InProcessHub hub;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        mailServer = new OutageMailServer();
        mailServer.greenMail().setUser("hub@switchboard.local", "hub@switchboard.local", SMTP_PASSWORD);
        mailServer.greenMail().setUser(IMAP_USER, IMAP_USER, IMAP_PASSWORD);
        hub = InProcessHub.start(dir, Map.of(
                "switchboard.mail.embedded", "false",
                "switchboard.smtp.port", String.valueOf(mailServer.smtpPort()),
                "switchboard.smtp.password", SMTP_PASSWORD,
                "switchboard.imap.port", String.valueOf(mailServer.imapPort()),
                "switchboard.imap.user", IMAP_USER,
                "switchboard.imap.password", IMAP_PASSWORD,
                "switchboard.health.mail-keep-millis", "300",
                "switchboard.metrics.counts-max-age-millis", "200"));
        DispatchTest.awaitModemsUp(hub.hub());
        // Camel's check of the IMAP consumer is DOWN until its first poll: every test starts from a hub all UP.
        await().atMost(WAIT).until(() -> get("/health", false).statusCode() == 200);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            if (mailServer != null) {
                mailServer.close();
            }
        }
    }

    @Test
    void healthIsOpenNamesEveryCheckAndLeaksNoSecret() throws Exception {
        HttpResponse<String> open = await().atMost(WAIT).until(() -> get("/health", false), h -> h.statusCode() == 200);
        JsonNode anonymous = JSON.readTree(open.body());
        assertEquals("UP", anonymous.get("status").asText());
        Map<String, JsonNode> named = checks(anonymous);
        for (String name : List.of("database", "smtp", "imap", "modem-gsm1", "modem-gsm2", "sip-pbx")) {
            assertTrue(named.containsKey(name), name + " in " + named.keySet());
            assertEquals("UP", named.get(name).get("state").asText(), name + ": " + named.get(name));
            // without credentials only the name and state: no server, login name or error text for anyone to read
            assertEquals(List.of("name", "state"), fieldNames(named.get(name)), name + ": " + named.get(name));
        }
        assertFalse(open.body().contains(IMAP_USER) || open.body().contains(":" + mailServer.smtpPort()),
                open.body());

        HttpResponse<String> r = get("/health", true);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode health = JSON.readTree(r.body());
        assertEquals("UP", health.get("status").asText());
        Map<String, JsonNode> checks = checks(health);
        assertEquals("127.0.0.1:" + mailServer.smtpPort(), checks.get("smtp").get("details").get("server").asText());
        assertEquals(IMAP_USER, checks.get("imap").get("details").get("user").asText());
        JsonNode modem = checks.get("modem-gsm1").get("details");
        assertTrue(modem.get("rssi").asInt() >= 0 && modem.get("rssi").asInt() <= 31, modem.toString());
        assertEquals("home", modem.get("registration").asText());

        assertNoSecretIn(r.body());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertNoSecretIn(String health) throws Exception {
        for (String secret : List.of(SMTP_PASSWORD, IMAP_PASSWORD, adminPassword(), SECRET_TEXT)) {
            assertFalse(health.contains(secret), "/health shows a password or a message's text");
        }
    }

    @Test
    void aModemThatStopsAnsweringTurnsHealthDownWithTheReason() throws Exception {
        SimModem gsm1 = hub.hub().simulator().modem(1);
        try {
            // Unplugged: the link comes back (TCP) but nothing answers the AT commands.
            gsm1.hang(true);
            gsm1.dropNow();
            HttpResponse<String> down = await().atMost(WAIT).until(() -> get("/health", true),
                    h -> h.body().contains("\"name\":\"modem-gsm1\",\"state\":\"DOWN\""));
            assertEquals(503, down.statusCode());
            JsonNode health = JSON.readTree(down.body());
            assertEquals("DOWN", health.get("status").asText());
            JsonNode check = checks(health).get("modem-gsm1");
            assertEquals("DOWN", check.get("state").asText(), check.toString());
            assertTrue(check.get("message").asText().startsWith("modem gsm1 is "), check.toString());
            assertEquals("UP", checks(health).get("modem-gsm2").get("state").asText());
            JsonNode modem = JSON.readTree(get("/api/modems/gsm1", true).body());
            assertTrue(!"READY".equals(modem.get("state").asText()) && modem.hasNonNull("lastError")
                    && modem.hasNonNull("lastErrorAt"), "/api/modems tells the modem's trouble: " + modem);
        } finally {
            gsm1.hang(false);
        }
        await().atMost(WAIT).until(() -> get("/health", false).statusCode() == 200);
    }

    @Test
    void smtpGoneTurnsHealthDownWithTheReason() throws Exception {
        int port = mailServer.smtpPort();
        mailServer.stopSmtp();
        try {
            HttpResponse<String> down = await().atMost(WAIT).until(() -> get("/health", true),
                    h -> h.body().contains("\"name\":\"smtp\",\"state\":\"DOWN\""));
            assertEquals(503, down.statusCode());
            assertNoSecretIn(down.body());
            // the reason (server, the exception's text) is for those with credentials; monitors see the state
            HttpResponse<String> anonymous = get("/health", false);
            assertEquals(503, anonymous.statusCode());
            assertEquals(List.of("name", "state"), fieldNames(checks(JSON.readTree(anonymous.body())).get("smtp")),
                    anonymous.body());
            assertFalse(anonymous.body().contains(":" + port), anonymous.body());
            JsonNode check = checks(JSON.readTree(down.body())).get("smtp");
            assertTrue(check.get("message").asText().startsWith("SMTP 127.0.0.1:" + port + ": "), check.toString());
            assertEquals("UP", checks(JSON.readTree(down.body())).get("imap").get("state").asText(), down.body());
        } finally {
            mailServer.restartSmtp();
        }
        await().atMost(WAIT).until(() -> get("/health", false).statusCode() == 200);
    }

    @Test
    void aDatabaseRefusingConnectionsTurnsHealthDownWithinTheProbesDeadline() throws Exception {
        String name = hub.db().name();
        // verified now, while the database answers: the credentials then come from the cache when it does not
        assertEquals(200, get("/api/modems", true).statusCode());
        try {
            // New connections refused and the pool's own ones cut: the hub's next query has nowhere to go.
            admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            HttpResponse<String> down = await().atMost(WAIT).until(() -> get("/health", true),
                    h -> h.body().contains("\"name\":\"database\",\"state\":\"DOWN\""));
            assertEquals(503, down.statusCode());
            JsonNode check = checks(JSON.readTree(down.body())).get("database");
            assertTrue(check.get("message").asText().startsWith("the database"), check.toString());
            assertEquals("UP", checks(JSON.readTree(down.body())).get("smtp").get("state").asText());
        } finally {
            admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
        }
        await().atMost(WAIT).until(() -> get("/health", false).statusCode() == 200);
    }

    private static void admin(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabases.url("postgres"), TestDatabases.USER, null);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Test
    void metricsNeedCredentialsParseAsPrometheusTextAndFollowAnSmsSent() throws Exception {
        HttpResponse<String> refused = get("/metrics", false);
        assertEquals(401, refused.statusCode());
        assertEquals("credentials required", JSON.readTree(refused.body()).get("error").asText());

        HttpResponse<String> first = get("/metrics", true);
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(first.headers().firstValue("Authorization").isEmpty(), "the request's credentials are not echoed");
        PrometheusText before = PrometheusText.parse(first.body());
        Map<String, String> smsSent = Map.of("channel", "sms", "direction", "out", "status", "SENT");
        assertTrue(before.has("switchboard_messages", smsSent), "messages by channel and status");
        for (String q : List.of("sms-outbound", "email-outbox", "voicemail-outbox")) {
            assertTrue(before.has("switchboard_queue_depth", Map.of("queue", q)), q);
        }
        for (String modem : List.of("gsm1", "gsm2")) {
            assertTrue(before.has("modem_signal_rssi", Map.of("modem", modem)), "signal of " + modem);
        }
        assertTrue(before.has("hikaricp_connections_active", Map.of()), "the database pool");
        assertTrue(before.has("camel_exchanges_total", Map.of("routeId", "dispatch-gsm1")), "Camel's route metrics");
        assertTrue(before.has("switchboard_http_requests_seconds_count",
                Map.of("route", "http-metrics", "method", "GET", "status", "401")), "the refused scrape counted");
        double sent = before.sum("switchboard_messages", smsSent);
        double latencies = before.sum("switchboard_dispatch_latency_seconds_count", Map.of());

        new MessageStore(hub.db().dataSource()).storeOutbound(
                new NewOutbound("+6281277770001", SECRET_TEXT, NewOutbound.SOURCE_API, null, "admin"));

        PrometheusText after = await().atMost(WAIT).until(() -> PrometheusText.parse(get("/metrics", true).body()),
                m -> m.sum("switchboard_messages", smsSent) == sent + 1
                        && m.sum("switchboard_dispatch_latency_seconds_count", Map.of()) == latencies + 1);
        assertEquals(1, after.sum("switchboard_dispatch_latency_seconds_count", Map.of("lane", "single"))
                - before.sum("switchboard_dispatch_latency_seconds_count", Map.of("lane", "single")));
        assertFalse(get("/metrics", true).body().contains(SECRET_TEXT), "no message content in /metrics");
    }

    @Test
    void theNotifiesOfThePbxAreCountedByOutcome() throws Exception {
        Sipp.executable(); // skips (or, on CI, fails) without SIPp
        PrometheusText before = PrometheusText.parse(get("/metrics", true).body());
        Map<String, String> sipIn = Map.of("channel", "sip", "direction", "in");

        assertEquals(0, Sipp.run("monitoring-notify", "notify_chansip.xml", pbx("1001", "127.0.0.1")));
        assertEquals(0, Sipp.run("monitoring-stranger", "notify_forbidden.xml", pbx("1001", "127.0.0.2")));

        PrometheusText after = await().atMost(WAIT).until(() -> PrometheusText.parse(get("/metrics", true).body()),
                m -> m.sum("switchboard_messages", sipIn) == before.sum("switchboard_messages", sipIn) + 1);
        for (String outcome : List.of("accepted", "rejected")) {
            Map<String, String> o = Map.of("outcome", outcome);
            assertEquals(before.sum("switchboard_sip_notifies_total", o) + 1, after.sum("switchboard_sip_notifies_total", o),
                    outcome);
        }
        assertEquals(before.sum("switchboard_sip_notifies_total", Map.of("outcome", "failed")),
                after.sum("switchboard_sip_notifies_total", Map.of("outcome", "failed")));
    }

    private String[] pbx(String mailbox, String localIp) {
        return new String[] {"-m", "1", "-t", "u1", "-i", localIp, "-p", Integer.toString(Sipp.freePort()),
            "-s", mailbox, "127.0.0.1:" + hub.sipPort()};
    }

    @Test
    void modemsApiShowsBothModemsWithSignalAndTheirSentCountRising() throws Exception {
        assertEquals(401, get("/api/modems", false).statusCode());
        HttpResponse<String> r = get("/api/modems", true);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode modems = JSON.readTree(r.body());
        assertEquals(2, modems.size(), r.body());
        long sentBefore = 0;
        for (int i = 0; i < 2; i++) {
            JsonNode m = modems.get(i);
            assertEquals("gsm" + (i + 1), m.get("name").asText());
            int signal = m.get("signal").asInt(-1);
            assertTrue(signal >= 0 && signal <= 31, m.toString());
            assertEquals(Math.round(signal * 100f / 31), m.get("signalPercent").asInt());
            assertEquals("home", m.get("registration").asText());
            assertEquals("SWITCHBOARD SIM", m.get("operator").asText());
            assertEquals("READY", m.get("state").asText());
            for (String field : List.of("queueDepth", "sent", "failed")) {
                assertTrue(m.get(field).isIntegralNumber(), field + " in " + m);
            }
            assertTrue(m.has("lastError") && m.has("lastErrorAt"), m.toString());
            sentBefore += m.get("sent").asLong();
        }
        long before = sentBefore;

        new MessageStore(hub.db().dataSource()).storeOutbound(
                new NewOutbound("+6281277770002", "Pengumuman", NewOutbound.SOURCE_API, null, "admin"));

        await().atMost(WAIT).until(() -> {
            JsonNode now = JSON.readTree(get("/api/modems", true).body());
            return now.get(0).get("sent").asLong() + now.get(1).get("sent").asLong();
        }, sent -> sent == before + 1);

        JsonNode one = JSON.readTree(get("/api/modems/gsm2", true).body());
        assertEquals("gsm2", one.get("name").asText());
        HttpResponse<String> unknown = get("/api/modems/gsm9", true);
        assertEquals(404, unknown.statusCode());
        assertEquals("no such modem", JSON.readTree(unknown.body()).get("error").asText());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/modems"))
                .header("Authorization", basicAuth()).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
    }

    private static Map<String, JsonNode> checks(JsonNode health) {
        Map<String, JsonNode> out = new HashMap<>();
        StreamSupport.stream(health.get("checks").spliterator(), false).forEach(c -> out.put(c.get("name").asText(), c));
        return out;
    }

    private HttpResponse<String> get(String path, boolean withCredentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path));
        if (withCredentials) {
            request.header("Authorization", basicAuth());
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basicAuth() throws Exception {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    private static String adminPassword() throws Exception {
        return Files.readString(dir.resolve("data/admin-password")).trim();
    }
}
