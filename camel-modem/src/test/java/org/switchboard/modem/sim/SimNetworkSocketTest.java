package org.switchboard.modem.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.switchboard.modem.sim.AtDeviceTest.DELIVER;
import static org.switchboard.modem.sim.AtDeviceTest.GAMMU_SUBMIT;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.pdu.SmsDeliver;

/** The simulator over real TCP connections, as host software sees it. */
class SimNetworkSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private SimNetwork network;

    private SimModem start(SimOptions options) throws IOException {
        network = SimNetwork.start(options);
        return network.modem(1);
    }

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void eachModemListensOnItsOwnPortWithItsOwnNumber() throws IOException {
        start(SimOptions.ephemeral(3));
        assertEquals("+6281100000001", network.modem(1).number());
        assertEquals("+6281100000003", network.modem(3).number());
        assertNotEquals(network.modem(1).port(), network.modem(2).port());
        try (AtTerminal t = AtTerminal.connect(network.modem(3).port())) {
            assertEquals("AT+CGSN\r\r\n868765430000003\r\n\r\nOK\r\n", t.command("AT+CGSN"));
        }
    }

    @Test
    void echoesAndAnswersOverTcp() throws IOException {
        SimModem modem = start(SimOptions.ephemeral(1));
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            assertEquals("AT\r\r\nOK\r\n", t.command("AT"));
            assertEquals("ATE0\r\r\nOK\r\n", t.command("ATE0"));
            assertEquals("\r\nERROR\r\n", t.command("AT+WHATEVER"));
            assertEquals("\r\n+CREG: 0,1\r\n\r\nOK\r\n", t.command("AT+CREG?"));
        }
    }

    @Test
    void thePortTakesOneHostAtATimeAndKeepsTheModemsStateBetweenThem() throws IOException {
        SimModem modem = start(SimOptions.ephemeral(1));
        try (AtTerminal first = AtTerminal.connect(modem.port())) {
            first.command("ATE0");
            await().atMost(WAIT).until(modem::hostConnected);
            try (AtTerminal second = AtTerminal.connect(modem.port())) {
                assertTrue(second.closedByModem(), "a second host is refused");
            }
            assertEquals("\r\nOK\r\n", first.command("AT"));
        }
        await().atMost(WAIT).until(() -> !modem.hostConnected());
        try (AtTerminal again = AtTerminal.connect(modem.port())) {
            assertEquals("\r\nOK\r\n", again.command("AT"), "echo stays off: closing the port resets nothing");
        }
    }

    @Test
    void announcesAnInboundSmsAndListsIt() throws Exception {
        SimModem modem = start(SimOptions.ephemeral(1));
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            t.command("ATE0;+CMGF=0;+CNMI=2,1,0,2,0");
            modem.inbound("+6281234567890", "Halo, apa kabar?");
            t.expect("\r\n+CMTI: \"SM\",1\r\n");
            String list = t.command("AT+CMGL=4");
            String[] lines = list.split("\r\n");
            assertEquals("+CMGL: 1,0,," + SmsStorage.tpduLengthOf(lines[2]), lines[1]);
            SmsDeliver sms = (SmsDeliver) PduCodec.decode(lines[2], true);
            assertEquals("+6281234567890", sms.originator().value());
            assertEquals("Halo, apa kabar?", sms.userData().text());
        }
    }

    @Test
    void takesAPduSplitOverSeveralWrites() throws IOException {
        SimModem modem = start(SimOptions.ephemeral(1));
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            t.command("ATE0");
            t.send("AT+CMGS=28\r");
            t.expect("\r\n> ");
            for (int i = 0; i < GAMMU_SUBMIT.length(); i += 5) {
                t.send(GAMMU_SUBMIT.substring(i, Math.min(GAMMU_SUBMIT.length(), i + 5)));
            }
            t.send("\u001a");
            t.expect("\r\n+CMGS: 0\r\n\r\nOK\r\n");
        }
        assertEquals("Hello from gammu", modem.delivered().get(0).text());
    }

    @Test
    void aHungModemStaysSilentUntilUnhung() throws IOException {
        SimModem modem = start(SimOptions.ephemeral(1));
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            t.command("AT");
            modem.hang(true);
            t.send("AT\r");
            assertEquals("", t.readFor(Duration.ofMillis(300)));
            modem.hang(false);
            assertEquals("AT\r\r\nOK\r\n", t.command("AT"));
        }
    }

    @Test
    void dropsTheConnectionMidSendAndTakesTheNextHost() throws IOException {
        SimModem modem = start(SimOptions.ephemeral(1));
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            t.command("ATE0");
            modem.dropMidSend();
            t.send("AT+CMGS=28\r");
            t.expect("\r\n> ");
            t.send(GAMMU_SUBMIT + "\u001a");
            assertTrue(t.closedByModem());
            assertFalse(t.readFor(Duration.ZERO).contains("+CMGS"));
        }
        assertTrue(modem.delivered().isEmpty());
        await().atMost(WAIT).until(() -> !modem.hostConnected());
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            t.send("\u001b\r");
            t.command("AT");
            t.send("AT+CMGS=28\r");
            t.expect("\r\n> ");
            t.send(GAMMU_SUBMIT + "\u001a");
            t.expect("\r\n+CMGS: 0\r\n\r\nOK\r\n");
        }
    }

    @Test
    void dropsTheConnectionNow() throws IOException {
        SimModem modem = start(SimOptions.ephemeral(1));
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            t.command("AT");
            modem.dropNow();
            assertTrue(t.closedByModem());
        }
    }

    @Test
    void noiseArrivesAlsoInsideResponsesAndCommandsStillWork() throws IOException {
        // At 19200 baud a listing takes about a quarter of a second: time for noise to land between its lines.
        SimModem modem = start(SimOptions.ephemeral(1).withBaudRate(19200));
        for (int i = 0; i < 5; i++) {
            modem.storeRawPdu(DELIVER);
        }
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            t.command("ATE0");
            modem.noise(10);
            t.expect("^RSSI:");
            boolean insideAResponse = false;
            for (int i = 0; i < 5 && !insideAResponse; i++) {
                String list = t.command("AT+CMGL=4");
                assertEquals(5, list.split("\\+CMGL: ").length - 1, list);
                insideAResponse = list.matches("(?s).*\\+CMGL: .*\\^RSSI:.*\\+CMGL: .*");
            }
            assertTrue(insideAResponse, "^RSSI between the lines of a listing");
            modem.noise(0);
        }
    }

    @Test
    void pacesBothDirectionsToTheBaudRateAndCountsBytes() throws IOException {
        SimModem modem = start(SimOptions.ephemeral(1).withBaudRate(9600));
        for (int i = 0; i < 5; i++) {
            modem.storeRawPdu(DELIVER);
        }
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            long start = System.nanoTime();
            String list = t.command("AT+CMGL=4");
            long millis = (System.nanoTime() - start) / 1_000_000;
            // About 450 bytes at 960 bytes/s.
            assertTrue(list.length() > 400, list);
            assertTrue(millis >= list.length() * 1000L / 960 - 60, "took " + millis + " ms for " + list.length());
            // The simulator counts a chunk once its writer is done with it, which can be just after the host read it.
            long read = t.bytesRead();
            await().atMost(WAIT).until(() -> modem.bytesToHost() == read);
            assertEquals("AT+CMGL=4\r".length(), modem.bytesFromHost());
        }
    }

    @Test
    void aRebootKeepsTheConnectionAndComesBackWithDefaults() throws IOException {
        SimModem modem = start(SimOptions.ephemeral(1));
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            t.command("ATE0");
            modem.reboot();
            assertFalse(modem.registered());
            await().atMost(WAIT).until(modem::registered);
            assertEquals("AT\r\r\nOK\r\n", t.command("AT"), "echo is on again");
        }
    }

    @Test
    void aHostVanishingAtThePromptHarmsNothing() throws IOException {
        SimModem modem = start(SimOptions.ephemeral(1));
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            t.send("AT+CMGS=28\r");
            t.expect("> ");
            t.send(GAMMU_SUBMIT.substring(0, 11));
        }
        await().atMost(WAIT).until(() -> !modem.hostConnected());
        try (AtTerminal t = AtTerminal.connect(modem.port())) {
            assertEquals("AT\r\r\nOK\r\n", t.command("AT"), "the new host starts in command mode");
        }
    }
}
