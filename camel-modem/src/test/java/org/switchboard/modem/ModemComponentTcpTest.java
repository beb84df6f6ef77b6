package org.switchboard.modem;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.modem.pdu.EncodedPdu;
import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.testing.SimHarness;

/** The {@code modem:} component against the simulator over TCP: the real AT dialogue, no mocks. */
class ModemComponentTcpTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OUTSIDE = "+628159919457";

    private SimHarness sim;
    private CamelContext camel;
    private ProducerTemplate template;
    private final List<Exchange> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = SimHarness.start(2, 0);
        camel = new DefaultCamelContext();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private String uri(int modem, String extra) {
        return "modem:gsm" + modem + "?host=127.0.0.1&port=" + sim.port(modem)
                + "&sweepInterval=500&healthInterval=1000&commandTimeout=2000&sendTimeout=5000&readyTimeout=15000&reconnectDelay=200"
                + "&reconnectMaxDelay=2000" + extra;
    }

    private void consume(int modem, String extra) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri(modem, extra)).routeId("in" + modem).process(received::add);
            }
        });
    }

    private Exchange send(int modem, String to, String text, Map<String, Object> headers) {
        Exchange ex = template.request(uri(modem, ""), e -> {
            e.getIn().setBody(text);
            e.getIn().setHeader(ModemConstants.RECIPIENT, to);
            headers.forEach(e.getIn()::setHeader);
        });
        return ex;
    }

    @Test
    void sendsAnSmsThatTheNetworkAccepts() throws Exception {
        camel.start();
        Exchange ex = send(1, OUTSIDE, "Halo dari Switchboard", Map.of());
        assertEquals(null, ex.getException());
        assertEquals(1, ex.getIn().getHeader(ModemConstants.PARTS));
        assertEquals("gsm1", ex.getIn().getHeader(ModemConstants.MODEM));
        assertEquals(1, ex.getIn().getHeader(ModemConstants.MESSAGE_REFERENCES, List.class).size());
        await().atMost(WAIT).until(() -> sim.delivered(1).size() == 1);
        assertEquals(new SimHarness.Delivered(OUTSIDE, "Halo dari Switchboard", 1, false), sim.delivered(1).get(0));
    }

    @Test
    void longUnicodeTextGoesAsConcatenatedParts() throws Exception {
        camel.start();
        String text = "Selamat pagi 👋 مرحبا ".repeat(12);
        Exchange ex = send(1, OUTSIDE, text, Map.of());
        assertEquals(null, ex.getException());
        int parts = ex.getIn().getHeader(ModemConstants.PARTS, Integer.class);
        assertTrue(parts > 1, "parts: " + parts);
        await().atMost(WAIT).until(() -> sim.delivered(1).size() == 1);
        assertEquals(text, sim.delivered(1).get(0).text());
        assertEquals(parts, sim.delivered(1).get(0).parts());
    }

    @Test
    void receivesAnSmsAndDeletesItOnlyAfterTheRouteCompleted() throws Exception {
        consume(2, "");
        camel.start();
        sim.inbound(2, "+6281234567890", "Saya mau tanya soal pendaftaran");
        await().atMost(WAIT).until(() -> received.size() == 1);
        Exchange in = received.get(0);
        assertEquals(ModemConstants.KIND_SMS, in.getIn().getHeader(ModemConstants.KIND));
        assertEquals("+6281234567890", in.getIn().getHeader(ModemConstants.ORIGINATOR));
        assertEquals("Saya mau tanya soal pendaftaran", in.getIn().getBody(String.class));
        assertNotNull(in.getIn().getHeader(ModemConstants.TIMESTAMP));
        await().atMost(WAIT).until(() -> sim.stored(2) == 0);
    }

    @Test
    void smsBetweenTwoModemsArrivesWholeAfterReassembly() throws Exception {
        consume(2, "");
        camel.start();
        String text = "Pesan panjang dari modem satu ke modem dua. ".repeat(8);
        assertEquals(null, send(1, sim.number(2), text, Map.of()).getException());
        await().atMost(WAIT).until(() -> received.size() == 1);
        assertEquals(text, received.get(0).getIn().getBody(String.class));
        assertEquals(sim.number(1), received.get(0).getIn().getHeader(ModemConstants.ORIGINATOR));
        assertTrue(received.get(0).getIn().getHeader(ModemConstants.PARTS, Integer.class) > 1);
        assertFalse(received.get(0).getIn().getHeader(ModemConstants.INCOMPLETE, Boolean.class));
    }

    @Test
    void statusReportComesOutAsItsOwnExchange() throws Exception {
        consume(1, "");
        camel.start();
        Exchange sent = send(1, OUTSIDE, "Please confirm", Map.of(ModemConstants.STATUS_REPORT_REQUEST, true));
        assertEquals(null, sent.getException());
        int mr = (Integer) sent.getIn().getHeader(ModemConstants.MESSAGE_REFERENCES, List.class).get(0);
        await().atMost(WAIT).until(() -> received.size() == 1);
        Exchange report = received.get(0);
        assertEquals(ModemConstants.KIND_STATUS_REPORT, report.getIn().getHeader(ModemConstants.KIND));
        assertEquals(mr, report.getIn().getHeader(ModemConstants.MESSAGE_REFERENCE));
        assertEquals(0, report.getIn().getHeader(ModemConstants.STATUS));
        assertEquals("delivered", report.getIn().getHeader(ModemConstants.STATUS_CLASS));
        assertTrue(sim.delivered(1).get(0).statusReport());
    }

    @Test
    void aRefusedNumberFailsWithItsCmsCodeAndNoRetry() throws Exception {
        camel.start();
        sim.failNumber(1, "+628000000001", 21);
        Exchange ex = send(1, "+628000000001", "x", Map.of());
        ModemException e = assertInstanceOf(ModemException.class, ex.getException());
        assertEquals(21, e.getCode());
        assertEquals(ModemException.Kind.CMS, e.getKind());
        assertFalse(e.isRetryable());
        assertEquals("Short message transfer rejected", e.getMeaning());
        // The modem stays usable.
        assertEquals(null, send(1, OUTSIDE, "next", Map.of()).getException());
    }

    @Test
    void aLongSmsRefusedAfterItsFirstPartIsPossiblySent() throws Exception {
        camel.start();
        String text = "Pesan panjang yang dikirim dalam tiga bagian. ".repeat(9);
        sim.refuseAfter(1, 1, 42);
        ModemException e = assertInstanceOf(ModemException.class, send(1, OUTSIDE, text, Map.of()).getException());
        assertEquals(42, e.getCode());
        // Part 1 went out for sure: sending the SMS again delivers that part twice.
        assertTrue(e.isPossiblySent());
        // A refusal of the first part leaves nothing sent.
        sim.refuseAfter(1, 0, 42);
        assertFalse(assertInstanceOf(ModemException.class, send(1, OUTSIDE, text, Map.of()).getException())
                .isPossiblySent());
    }

    @Test
    void noNetworkIsARetryableFailure() throws Exception {
        camel.start();
        assertEquals(null, send(1, OUTSIDE, "warm up", Map.of()).getException());
        sim.registered(1, false);
        ModemException e = assertInstanceOf(ModemException.class, send(1, OUTSIDE, "x", Map.of()).getException());
        assertEquals(331, e.getCode());
        assertTrue(e.isRetryable());
        sim.registered(1, true);
        assertEquals(null, send(1, OUTSIDE, "back", Map.of()).getException());
    }

    @Test
    void anInvalidRecipientIsRefusedBeforeTheModem() throws Exception {
        camel.start();
        ModemException e = assertInstanceOf(ModemException.class, send(1, "call me", "x", Map.of()).getException());
        assertEquals(ModemException.Kind.INVALID_INPUT, e.getKind());
        assertFalse(e.isRetryable());
    }

    @Test
    void aFailedRouteLeavesTheSmsOnTheModemUntilItSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri(2, "")).routeId("flaky").process(e -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("database down");
                    }
                    received.add(e);
                });
            }
        });
        camel.start();
        sim.inbound(2, "+6281234567890", "jangan hilang");
        await().atMost(WAIT).until(() -> received.size() == 1);
        assertTrue(attempts.get() >= 2);
        assertEquals("jangan hilang", received.get(0).getIn().getBody(String.class));
        await().atMost(WAIT).until(() -> sim.stored(2) == 0);
        assertEquals(1, received.size());
    }

    @Test
    void aMalformedPduIsReportedAndLeftWhileOthersFlow() throws Exception {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        camel.getRegistry().bind("reporter", new RecordingExceptionHandler(reported));
        consume(2, "&exceptionHandler=#reporter");
        camel.start();
        // A DELIVER whose user data length claims more than it carries.
        sim.storeRawPdu(2, "07919471060040340409D0C6A733390400009060920173018093CC74595C96838C4F6772");
        sim.inbound(2, "+6281234567890", "tetap sampai");
        await().atMost(WAIT).until(() -> received.size() == 1 && !reported.isEmpty());
        assertEquals("tetap sampai", received.get(0).getIn().getBody(String.class));
        assertInstanceOf(org.switchboard.modem.pdu.PduException.class, reported.get(0));
        await().atMost(WAIT).until(() -> sim.stored(2) == 1);
        // Reported once, not on every sweep.
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> reported.size() == 1);
    }

    @Test
    void partsThatNeverCompleteAreDeliveredFlaggedIncomplete() throws Exception {
        consume(2, "&concatTimeout=1000");
        camel.start();
        List<EncodedPdu> parts = PduCodec.encodeDeliver(new org.switchboard.modem.pdu.DeliverRequest("+6281234567890",
                "Bagian pertama dan kedua dan ketiga. ".repeat(12), null,
                java.time.OffsetDateTime.parse("2026-11-22T09:00:00+07:00"), 42, false));
        assertTrue(parts.size() >= 3);
        sim.storeRawPdu(2, parts.get(0).hex());
        sim.storeRawPdu(2, parts.get(2).hex());
        await().atMost(WAIT).until(() -> received.size() == 1);
        assertTrue(received.get(0).getIn().getHeader(ModemConstants.INCOMPLETE, Boolean.class));
        assertEquals(2, received.get(0).getIn().getHeader(ModemConstants.PARTS));
    }

    @Test
    void unsolicitedNoiseDuringSendsHarmsNothing() throws Exception {
        camel.start();
        sim.noise(1, 2);
        for (int i = 0; i < 20; i++) {
            assertEquals(null, send(1, OUTSIDE, "noise " + i, Map.of()).getException());
        }
        await().atMost(WAIT).until(() -> sim.delivered(1).size() == 20);
    }

    @Test
    void aHungModemIsRecoveredAndTheQueuedSendGoesOut() throws Exception {
        camel.start();
        assertEquals(null, send(1, OUTSIDE, "before", Map.of()).getException());
        sim.hang(1, true);
        Exchange stuck = send(1, OUTSIDE, "during", Map.of());
        ModemException e = assertInstanceOf(ModemException.class, stuck.getException());
        assertTrue(e.isRetryable());
        sim.hang(1, false);
        // The watchdog re-syncs or reopens: the next send waits for it and goes through.
        assertEquals(null, send(1, OUTSIDE, "after", Map.of()).getException());
        await().atMost(WAIT).until(() -> sim.delivered(1).stream().anyMatch(d -> d.text().equals("after")));
    }

    @Test
    void healthAndMetricsShowSignalRegistrationAndCounts() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        camel.getRegistry().bind("meters", meters);
        camel.start();
        assertEquals(null, send(1, OUTSIDE, "counted", Map.of()).getException());
        await().atMost(WAIT).until(() -> meters.find("modem.signal.rssi").tag("modem", "gsm1").gauge() != null
                && meters.get("modem.signal.rssi").tag("modem", "gsm1").gauge().value() < 99);
        assertEquals(1.0, meters.get("modem.sms.sent").tag("modem", "gsm1").functionCounter().count());
        assertEquals(1.0, meters.get("modem.ready").tag("modem", "gsm1").gauge().value());
        assertEquals(1.0, meters.get("modem.registered").tag("modem", "gsm1").gauge().value());
        var health = org.apache.camel.health.HealthCheckHelper.invoke(camel).stream()
                .filter(r -> r.getCheck().getId().equals("modem-gsm1")).findFirst().orElseThrow();
        assertEquals(org.apache.camel.health.HealthCheck.State.UP, health.getState());
        assertEquals("home", health.getDetails().get("registration"));
        assertEquals("SWITCHBOARD SIM", health.getDetails().get("operator"));

        sim.registered(1, false);
        await().atMost(WAIT).until(() -> meters.get("modem.registered").tag("modem", "gsm1").gauge().value() == 0.0);
        var off = org.apache.camel.health.HealthCheckHelper.invoke(camel).stream()
                .filter(r -> r.getCheck().getId().equals("modem-gsm1")).findFirst().orElseThrow();
        assertEquals(org.apache.camel.health.HealthCheck.State.DOWN, off.getState());
        assertEquals("modem gsm1 is off the network (registration searching)", off.getMessage().orElse(""));
    }

    @Test
    void aModemAbsentAtStartIsReportedDownAndPickedUpWhenItAppears() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:absent").to("modem:absent?host=127.0.0.1&port=" + port + "&readyTimeout=500&reconnectDelay=100");
            }
        });
        camel.start();
        CamelExecutionException failure = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeader("direct:absent", "x", ModemConstants.RECIPIENT, OUTSIDE));
        ModemException e = assertInstanceOf(ModemException.class, failure.getCause());
        assertEquals(ModemException.Kind.NOT_READY, e.getKind());
        assertTrue(e.isRetryable());
        ModemComponent component = camel.getComponent("modem", ModemComponent.class);
        assertEquals("DOWN", component.session("absent").status().state().name());
    }

    /** Collects what the consumer reports, as a route's own exception handler would log it. */
    private record RecordingExceptionHandler(List<Throwable> reported) implements org.apache.camel.spi.ExceptionHandler {
        @Override
        public void handleException(Throwable exception) {
            reported.add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            reported.add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            reported.add(exception);
        }
    }
}
