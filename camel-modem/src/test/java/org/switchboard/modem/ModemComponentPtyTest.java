package org.switchboard.modem;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.testing.SimHarness;
import org.switchboard.modem.testing.SocatPty;

/**
 * The {@code modem:} component over jSerialComm on a real pseudo-terminal: socat bridges the pty to the simulator's TCP
 * port, so the component sees a serial device as it would a USB modem, at 115200 baud.
 */
class ModemComponentPtyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OUTSIDE = "+628159919457";

    @TempDir
    Path dir;
    private SimHarness sim;
    private SocatPty pty;
    private CamelContext camel;
    private ProducerTemplate template;
    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private String uri;

    @BeforeEach
    void start() throws Exception {
        SocatPty.assumeInstalled();
        sim = SimHarness.start(1, 115200);
        pty = SocatPty.start(dir.resolve("ttyGSM0"), sim.port(1)).keepAlive();
        uri = "modem:gsm1?device=" + pty.link() + "&baudRate=115200&sweepInterval=500&healthInterval=1000"
                + "&commandTimeout=3000&sendTimeout=10000&readyTimeout=20000&reconnectDelay=200&reconnectMaxDelay=2000";
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("in").process(received::add);
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (pty != null) {
            pty.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private Exchange send(String text, boolean report) {
        return template.request(uri, e -> {
            e.getIn().setBody(text);
            e.getIn().setHeader(ModemConstants.RECIPIENT, OUTSIDE);
            e.getIn().setHeader(ModemConstants.STATUS_REPORT_REQUEST, report);
        });
    }

    @Test
    void sendsReceivesLongUnicodeAndStatusReportsOverASerialPort() {
        assertNull(send("Halo lewat port serial", false).getException());

        String unicode = "Terima kasih 🙏 شكرا جزيلا ".repeat(10);
        Exchange longOne = send(unicode, true);
        assertNull(longOne.getException());
        assertTrue(longOne.getIn().getHeader(ModemConstants.PARTS, Integer.class) > 1);
        await().atMost(WAIT).until(() -> sim.delivered(1).size() == 2);
        assertEquals(unicode, sim.delivered(1).get(1).text());

        sim.inbound(1, "+6281234567890", "Balasan dari pelanggan ✓");
        await().atMost(WAIT).until(() -> received.stream()
                .anyMatch(e -> ModemConstants.KIND_SMS.equals(e.getIn().getHeader(ModemConstants.KIND))));
        await().atMost(WAIT).until(() -> received.stream()
                .anyMatch(e -> ModemConstants.KIND_STATUS_REPORT.equals(e.getIn().getHeader(ModemConstants.KIND))));
        Exchange sms = received.stream()
                .filter(e -> ModemConstants.KIND_SMS.equals(e.getIn().getHeader(ModemConstants.KIND))).findFirst().get();
        assertEquals("Balasan dari pelanggan ✓", sms.getIn().getBody(String.class));
        await().atMost(WAIT).until(() -> sim.stored(1) == 0);
    }

    @Test
    void recoversWhenTheModemDropsTheLinkMidSend() {
        assertNull(send("before the drop", false).getException());
        sim.dropConnectionMidSend(1);
        Exchange dropped = send("during the drop", false);
        ModemException e = assertInstanceOf(ModemException.class, dropped.getException());
        assertTrue(e.isRetryable(), "a lost link is worth another try");
        // socat re-creates the pty as a re-plugged USB modem would; the component reopens it. Until it has, a send
        // fails as the one above did (the link is closed, nothing was handed over), and a caller tries again.
        await().atMost(WAIT).until(() -> send("after the drop", false).getException() == null);
        await().atMost(WAIT).until(() -> sim.delivered(1).stream().anyMatch(d -> d.text().equals("after the drop")));
        ModemComponent component = camel.getComponent("modem", ModemComponent.class);
        assertTrue(component.session("gsm1").status().recoveries() >= 1);
    }
}
