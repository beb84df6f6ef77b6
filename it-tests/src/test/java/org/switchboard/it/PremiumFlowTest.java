package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.channel.smpp.SmscSimulator;
import org.switchboard.smpp.NewSmppAccount;
import org.switchboard.smpp.SmppAccountStore;

/**
 * The premium flow of an operator's SMS gateway: a subscriber texts {@code REG QUIZ} to short code 9123; the SMSC
 * (the simulator) delivers it over the hub's smpp channel; the rule for 9123 and REG calls the content provider's URL
 * (a stub here); the provider's answer goes back to the subscriber through the SMSC; every hop is in the journal. Also:
 * a provider that is down loses nothing, a keyword routed to an SMPP account waits for its receiver bind, and an SMS no
 * rule matches goes to the help desk as before.
 */
class PremiumFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SUBSCRIBER = "+6285512345678";

    @TempDir
    static Path dir;
    private static SmscSimulator smsc;
    private static InProcessHub hub;
    private static HttpServer provider;
    private static final List<String> calls = new CopyOnWriteArrayList<>();
    private static final AtomicInteger refusePoll = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        NodeSmpp.require();
        smsc = SmscSimulator.start("hub", "secret");
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/quiz", exchange -> {
            calls.add("quiz?" + exchange.getRequestURI().getRawQuery());
            byte[] body = "Welcome to QUIZ! Answer with A, B or C.".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.createContext("/poll", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean down = refusePoll.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            calls.add("poll " + exchange.getRequestMethod() + " " + form + (down ? " (503)" : ""));
            exchange.sendResponseHeaders(down ? 503 : 204, -1);
            exchange.close();
        });
        provider.start();
        Map<String, String> s = new HashMap<>(Map.of(
                "switchboard.channel.operator.kind", "smpp",
                "switchboard.channel.operator.host", "127.0.0.1",
                "switchboard.channel.operator.port", String.valueOf(smsc.port()),
                "switchboard.channel.operator.system-id", "hub",
                "switchboard.channel.operator.password", "secret",
                "switchboard.channel.operator.source-addr", "9123",
                "switchboard.channel.operator.allowed-prefix", "+62855",
                "switchboard.channel.modems.denied-prefix", "+62855",
                "switchboard.mo.poll-millis", "50",
                "switchboard.mo.first-retry-millis", "100"));
        s.put("switchboard.outbox.max-backoff-millis", "200");
        s.put("switchboard.smpp.server.receipt-poll-millis", "50");
        hub = InProcessHub.start(dir, s);
        DispatchTest.awaitModemsUp(hub.hub());
        await().atMost(WAIT).until(smsc::bound);
        new SmppAccountStore(hub.hub().database().dataSource()).add(NewSmppAccount.of("bankapp", "bank"), "test");
        ApiClient api = new ApiClient(hub.httpPort(), dir);
        String url = "http://127.0.0.1:" + provider.getAddress().getPort();
        api.call("PUT", "/api/mo/rules/quiz", "{\"shortCode\": \"9123\", \"keywords\": [\"REG\", \"DAFTAR\"],"
                + " \"target\": \"http\", \"url\": \"" + url + "/quiz?from=%p&to=%P&kw=%k&rest=%r\", \"reply\": true}",
                200);
        api.call("PUT", "/api/mo/rules/poll", "{\"shortCode\": \"9555\", \"pattern\": \"^vote\\\\s+[abc]\\\\b\","
                + " \"target\": \"http\", \"url\": \"" + url + "/poll\", \"method\": \"POST\"}", 200);
        api.call("PUT", "/api/mo/rules/bank", "{\"keywords\": [\"SALDO\"], \"target\": \"smpp\", \"systemId\":"
                + " \"bankapp\"}", 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (provider != null) {
            provider.stop(0);
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    private static long inboundId(String text) {
        return await().atMost(WAIT).until(() -> hub.query("SELECT id FROM inbound_sms WHERE text = ?", text).stream()
                .map(r -> ((Number) r.get("id")).longValue()).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static List<String> hops(String kind, long id) throws Exception {
        return hub.journal(kind).stream().filter(h -> ((Number) h.get("message_id")).longValue() == id)
                .map(h -> (String) h.get("hop")).toList();
    }

    @Test
    void regQuizToTheShortCodeReachesTheProviderAndItsAnswerTheSubscriber() throws Exception {
        assertEquals(List.of(0), smsc.deliver(SUBSCRIBER, "9123", List.of("REG QUIZ".getBytes(
                StandardCharsets.US_ASCII)), 0));
        await().atMost(WAIT).until(() -> calls.contains("quiz?from=%2B6285512345678&to=9123&kw=REG&rest=QUIZ"));
        SmscSimulator.Submit reply = await().atMost(WAIT).until(() -> smsc.submits().stream()
                .filter(x -> x.destination().equals("6285512345678")).findFirst(), Optional::isPresent).orElseThrow();
        assertEquals("Welcome to QUIZ! Answer with A, B or C.", reply.text());
        assertEquals("9123", reply.source());

        long in = inboundId("REG QUIZ");
        assertEquals("ROUTED", hub.query("SELECT email_status FROM inbound_sms WHERE id = ?", in).get(0)
                .get("email_status"));
        await().atMost(WAIT).until(() -> hops("inbound_sms", in).containsAll(List.of("received", "stored", "routed",
                "mo-delivered")));
        long out = ((Number) hub.query("SELECT reply_sms_id FROM mo_delivery WHERE inbound_id = ?", in).get(0)
                .get("reply_sms_id")).longValue();
        await().atMost(WAIT).until(() -> "delivered".equals(hub.query("SELECT delivery_status FROM outbound_sms"
                + " WHERE id = ?", out).get(0).get("delivery_status")));
        assertTrue(hops("outbound_sms", out).containsAll(List.of("sms-stored", "sent")), hops("outbound_sms", out)
                .toString());
    }

    @Test
    void aProviderThatIsDownLosesNothing() throws Exception {
        refusePoll.set(2);
        smsc.deliver("+6285511111111", "9555", List.of("vote B".getBytes(StandardCharsets.US_ASCII)), 0);
        await().atMost(WAIT).until(() -> calls.stream().anyMatch(c -> c.startsWith("poll POST") && c.contains(
                "text=vote+B") && !c.endsWith("(503)")));
        assertEquals(2, calls.stream().filter(c -> c.startsWith("poll POST") && c.endsWith("(503)")).count());
        long in = inboundId("vote B");
        await().atMost(WAIT).until(() -> hops("inbound_sms", in).contains("mo-delivered"));
        assertEquals(2, hops("inbound_sms", in).stream().filter("mo-retry-scheduled"::equals).count());
    }

    @Test
    void aKeywordRoutedToAnSmppAccountWaitsForItsReceiver() throws Exception {
        smsc.deliver("+6285522222222", "9999", List.of("SALDO 1234".getBytes(StandardCharsets.US_ASCII)), 0);
        long in = inboundId("SALDO 1234");
        await().atMost(WAIT).until(() -> hops("inbound_sms", in).contains("routed"));
        List<JsonNode> events = NodeSmpp.esme(hub.smppPort(), "bankapp", "bank", "{\"bind\":\"receiver\","
                + "\"waitDeliver\":1,\"receipts\":0,\"deliveries\":1,\"timeoutMs\":30000}");
        JsonNode mo = NodeSmpp.events(events, "deliver_sm").get(0);
        assertEquals("SALDO 1234", mo.path("short_message").asText());
        assertEquals("6285522222222", mo.path("source_addr").asText());
        assertEquals("9999", mo.path("destination_addr").asText());
        await().atMost(WAIT).until(() -> hops("inbound_sms", in).contains("mo-delivered"));
    }

    @Test
    void anSmsNoRuleMatchesGoesToTheHelpDesk() throws Exception {
        smsc.deliver("+6285533333333", "9123", List.of("halo admin".getBytes(StandardCharsets.US_ASCII)), 0);
        long in = inboundId("halo admin");
        await().atMost(WAIT).until(() -> "SENT".equals(hub.query("SELECT email_status FROM inbound_sms WHERE id = ?",
                in).get(0).get("email_status")));
    }
}
