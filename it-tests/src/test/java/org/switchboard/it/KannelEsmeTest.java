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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.smpp.NewSmppAccount;
import org.switchboard.smpp.SmppAccountStore;

/**
 * Kannel, as operators' customers run it, binds to the hub's SMPP server as its SMSC ({@code smsc = smpp}, a
 * transceiver): what its sendsms takes goes through the hub to the simulated network, long and UCS-2 text included,
 * and Kannel's dlr-url is called with the SMSC's acceptance (type 8) and, from the hub's deliver_sm receipt, the
 * delivery (type 1).
 */
class KannelEsmeTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static InProcessHub hub;
    private static KannelBearerbox kannel;
    private static HttpServer callbacks;
    private static final List<String> called = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        KannelBearerbox.require();
        hub = InProcessHub.start(dir.resolve("hub"), Map.of("switchboard.simulator.modems", "2",
                "switchboard.smpp.server.receipt-poll-millis", "50"));
        DispatchTest.awaitModemsUp(hub.hub());
        new SmppAccountStore(hub.hub().database().dataSource()).add(NewSmppAccount.of("kannel", "kpw"), "test");
        callbacks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callbacks.createContext("/dlr", exchange -> {
            called.add(exchange.getRequestURI().getRawQuery());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        callbacks.start();
        kannel = KannelBearerbox.start(dir.resolve("kannel"), hub.smppPort(), "kannel", "kpw");
        try {
            await().atMost(WAIT).until(() -> !hub.query("SELECT 1 FROM smpp_bind WHERE system_id = 'kannel'"
                    + " AND status = 0 AND unbound_at IS NULL").isEmpty());
            await().atMost(WAIT).until(() -> ListenPorts.listening(kannel.sendsmsPort()));
        } catch (RuntimeException e) {
            System.out.println("----- Kannel, not ready -----\n" + kannel.log());
            throw e;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (kannel != null) {
            kannel.close();
        }
        if (callbacks != null) {
            callbacks.stop(0);
        }
        if (hub != null) {
            hub.close();
        }
    }


    private HttpResponse<String> sendsms(String to, String text, String extra, String tag) throws Exception {
        String dlrUrl = "http://127.0.0.1:" + callbacks.getAddress().getPort() + "/dlr?tag=" + tag + "&type=%d";
        URI uri = URI.create("http://127.0.0.1:" + kannel.sendsmsPort() + "/cgi-bin/sendsms?username="
                + KannelBearerbox.USER + "&password=" + KannelBearerbox.PASSWORD + "&from=9123&to="
                + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&dlr-mask=9&dlr-url="
                + URLEncoder.encode(dlrUrl, StandardCharsets.UTF_8) + extra);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static DeliveredSms awaitDelivered(String to) {
        return await().atMost(WAIT).until(() -> hub.delivered().stream().filter(d -> d.to().equals(to)).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private void awaitReports(String tag, String... types) {
        for (String type : types) {
            await().atMost(WAIT).until(() -> called.contains("tag=" + tag + "&type=" + type));
        }
    }

    @Test
    void kannelsSendsmsGoesThroughTheHubAndItsDlrUrlHearsAcceptedThenDelivered() throws Exception {
        HttpResponse<String> r = sendsms("+6281200000051", "Kannel through the hub", "", "short");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("Kannel through the hub", awaitDelivered("+6281200000051").text(), kannel.log());
        awaitReports("short", "8", "1");
        assertTrue(hub.journal("outbound_sms").stream().anyMatch(h -> "smpp-receipt-sent".equals(h.get("hop"))));
    }

    @Test
    void aLongUcs2MessageKannelSplitsArrivesWhole() throws Exception {
        String text = "Напоминание: собрание родителей в пятницу в 19:00 в актовом зале школы. Пожалуйста, приходите"
                + " вовремя. Ответьте ДА, если придёте.";
        HttpResponse<String> r = sendsms("+6281200000052", text, "&coding=2&charset=UTF-8", "long");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(text, awaitDelivered("+6281200000052").text(), kannel.log());
        awaitReports("long", "1");
    }
}
