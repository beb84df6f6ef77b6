package org.switchboard.modem.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.modem.pdu.EncodedPdu;
import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.pdu.SmsDeliver;
import org.switchboard.modem.pdu.SmsStatusReport;
import org.switchboard.modem.pdu.SubmitRequest;

/** The device side without sockets: bytes in, the modem's bytes out. */
class AtDeviceTest {
    /** gammu's PDU for "Hello from gammu" to +628159919457 (gammu-dialogue.txt), with SMSC, TPDU 28 octets. */
    static final String GAMMU_SUBMIT = "05912618164211000C912618951949750000FF10C8329BFD0699E5EF36E81C6EB7EB";
    /** An SMS-DELIVER "How are you?" from +31641600986 (gammu's test fixture), TPDU 30 octets. */
    static final String DELIVER = "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07";

    private SimNetwork network;
    private SimModem modem;
    private final Host host = new Host();

    /** A host that keeps what the modem wrote. */
    static final class Host implements AtDevice.HostLink {
        private final StringBuilder received = new StringBuilder();
        private final StringBuilder history = new StringBuilder();
        volatile boolean hungUp;

        @Override
        public synchronized void write(String text) {
            received.append(text);
            history.append(text);
        }

        /** Everything written since attached, taken or not. */
        synchronized String history() {
            return history.toString();
        }

        @Override
        public void hangUp() {
            hungUp = true;
        }

        synchronized String take() {
            String s = received.toString();
            received.setLength(0);
            return s;
        }

        synchronized String peek() {
            return received.toString();
        }
    }

    @BeforeEach
    void start() {
        network = new SimNetwork(SimOptions.ephemeral(2).withStorageCapacity(3));
        modem = network.modem(1);
        modem.device().attach(host);
    }

    @AfterEach
    void stop() {
        network.close();
    }

    private void send(String bytes) {
        byte[] b = bytes.getBytes(StandardCharsets.ISO_8859_1);
        modem.device().input(b, 0, b.length);
    }

    private String at(String line) {
        host.take();
        send(line + "\r");
        return host.take();
    }

    @Test
    void echoesTheCommandLineAndAnswersVerbose() {
        assertEquals("AT\r\r\nOK\r\n", at("AT"));
        assertEquals("ATE0\r\r\nOK\r\n", at("ATE0"));
        assertEquals("\r\nOK\r\n", at("AT"));
        assertEquals("\r\nOK\r\n", at("ATE1"));
        assertEquals("at\r\r\nOK\r\n", at("at"));
    }

    @Test
    void acceptsCrLfAndLfAsLineEnds() {
        at("ATE0");
        send("AT\r\nAT\nAT\r");
        assertEquals("\r\nOK\r\n\r\nOK\r\n\r\nOK\r\n", host.take());
    }

    @Test
    void answersGammusEscapeAndOptionalProbesWithError() {
        host.take();
        send("\u001b\r");
        assertEquals("\u001b\r\r\nERROR\r\n", host.take());
        for (String probe : List.of("AT+MODE=2", "AT+CPROT=?", "AT+SYNCML=?", "AT$TSSPCSW=?", "AT+CHUP=?", "AT+CGREG=2")) {
            assertEquals(probe + "\r\r\nERROR\r\n", at(probe), probe);
        }
    }

    @Test
    void identifiesLikeTheModemGammuAccepted() {
        assertEquals("AT+CGMI\r\r\nSIMCOM_Ltd\r\n\r\nOK\r\n", at("AT+CGMI"));
        assertEquals("AT+CGMM\r\r\nSIMCOM_SIM800\r\n\r\nOK\r\n", at("AT+CGMM"));
        assertEquals("AT+CGMR\r\r\nRevision:1418B05SIM800L24\r\n\r\nOK\r\n", at("AT+CGMR"));
        assertEquals("AT+CGSN\r\r\n868765430000001\r\n\r\nOK\r\n", at("AT+CGSN"));
        assertEquals("AT+GSN\r\r\n868765430000001\r\n\r\nOK\r\n", at("AT+GSN"));
        assertEquals("AT+CIMI\r\r\n510110000000001\r\n\r\nOK\r\n", at("AT+CIMI"));
        assertTrue(at("ATI").contains("SIMCOM_SIM800"));
    }

    @Test
    void reportsTheCharsetJustSet() {
        assertEquals("AT+CSCS?\r\r\n+CSCS: \"IRA\"\r\n\r\nOK\r\n", at("AT+CSCS?"));
        assertEquals("AT+CSCS=?\r\r\n+CSCS: (\"IRA\",\"GSM\",\"UCS2\",\"HEX\",\"PCCP936\")\r\n\r\nOK\r\n", at("AT+CSCS=?"));
        assertEquals("AT+CSCS=\"HEX\"\r\r\nOK\r\n", at("AT+CSCS=\"HEX\""));
        assertEquals("AT+CSCS?\r\r\n+CSCS: \"HEX\"\r\n\r\nOK\r\n", at("AT+CSCS?"));
        assertEquals("AT+CSCS=\"KLINGON\"\r\r\nERROR\r\n", at("AT+CSCS=\"KLINGON\""));
    }

    @Test
    void shapesErrorsByCmee() {
        at("ATE0");
        assertEquals("\r\nERROR\r\n", at("AT+CMGR=9"));
        at("AT+CMEE=1");
        assertEquals("\r\n+CMS ERROR: 321\r\n", at("AT+CMGR=9"));
        assertEquals("\r\n+CME ERROR: 4\r\n", at("AT+CSCS=\"X\""));
        at("AT+CMEE=2");
        assertEquals("\r\n+CMS ERROR: invalid memory index\r\n", at("AT+CMGR=9"));
        assertEquals("\r\nERROR\r\n", at("AT+NOSUCH"));
        assertEquals("\r\n+CMEE: 2\r\n\r\nOK\r\n", at("AT+CMEE?"));
    }

    @Test
    void answersNumericallyInV0() {
        at("ATE0V0");
        assertEquals("0\r", at("AT"));
        assertEquals("4\r", at("AT+NOSUCH"));
        assertEquals("+CSQ: 21,0\r\n0\r", at("AT+CSQ"));
        assertEquals("\r\nOK\r\n", at("ATV1"));
    }

    @Test
    void runsChainedCommandsAndStopsAtTheFirstError() {
        at("ATE0");
        assertEquals("\r\nOK\r\n", at("AT+CMGF=0;+CNMI=2,1,0,2,0"));
        assertEquals("\r\n+CNMI: 2,1,0,2,0\r\n\r\nOK\r\n", at("AT+CNMI?"));
        assertEquals("\r\n+CSQ: 21,0\r\n\r\nERROR\r\n", at("AT+CSQ;+BOGUS;+CMEE=1"));
        assertEquals("\r\n+CMEE: 0\r\n\r\nOK\r\n", at("AT+CMEE?"));
    }

    @Test
    void refusesTextModeButKeepsPduMode() {
        at("ATE0;+CMEE=1");
        assertEquals("\r\n+CMS ERROR: 303\r\n", at("AT+CMGF=1"));
        assertEquals("\r\n+CMGF: 0\r\n\r\nOK\r\n", at("AT+CMGF?"));
    }

    @Test
    void listsMemoriesAndCountsLikeARealModem() {
        at("ATE0");
        assertEquals("\r\n+CPMS: (\"SM\",\"ME\"),(\"SM\",\"ME\"),(\"SM\",\"ME\")\r\n\r\nOK\r\n", at("AT+CPMS=?"));
        modem.storeRawPdu(DELIVER);
        host.take();
        assertEquals("\r\n+CPMS: 1,3,1,3,1,3\r\n\r\nOK\r\n", at("AT+CPMS=\"SM\",\"SM\",\"SM\""));
        assertEquals("\r\n+CPMS: 0,3,1,3,1,3\r\n\r\nOK\r\n", at("AT+CPMS=\"ME\""));
        assertEquals("\r\n+CPMS: \"ME\",0,3,\"SM\",1,3,\"SM\",1,3\r\n\r\nOK\r\n", at("AT+CPMS?"));
        assertEquals("\r\nERROR\r\n", at("AT+CPMS=\"XX\""));
    }

    @Test
    void storesListsReadsAndDeletes() {
        at("ATE0;+CMEE=1");
        modem.storeRawPdu(DELIVER);
        assertEquals("\r\n+CMTI: \"SM\",1\r\n", host.take());
        assertEquals("\r\n+CMGL: 1,0,,30\r\n" + DELIVER + "\r\n\r\nOK\r\n", at("AT+CMGL=4"));
        // Listed unread messages become read.
        assertEquals("\r\n+CMGL: 1,1,,30\r\n" + DELIVER + "\r\n\r\nOK\r\n", at("AT+CMGL=4"));
        assertEquals("\r\nOK\r\n", at("AT+CMGL=0"));
        assertEquals("\r\n+CMGR: 1,,30\r\n" + DELIVER + "\r\n\r\nOK\r\n", at("AT+CMGR=1"));
        assertEquals("\r\nOK\r\n", at("AT+CMGD=1"));
        assertEquals("\r\n+CMS ERROR: 321\r\n", at("AT+CMGR=1"));
        assertEquals("\r\n+CMS ERROR: 321\r\n", at("AT+CMGD=99"));
        assertEquals(0, modem.storedCount());
    }

    @Test
    void deletesByFlag() {
        at("ATE0");
        modem.storeRawPdu(DELIVER);
        modem.storeRawPdu(DELIVER);
        at("AT+CMGR=1");
        at("AT+CMGD=1,1");
        assertEquals(1, modem.storedCount());
        at("AT+CMGD=0,4");
        assertEquals(0, modem.storedCount());
    }

    @Test
    void sendsAPduThatArrivesInPieces() {
        assertEquals("AT+CMGS=28\r\r\n> ", at("AT+CMGS=28"));
        send(GAMMU_SUBMIT.substring(0, 7));
        send(GAMMU_SUBMIT.substring(7, 40));
        assertEquals(GAMMU_SUBMIT.substring(0, 40), host.take());
        send(GAMMU_SUBMIT.substring(40));
        send("\u001a");
        assertEquals(GAMMU_SUBMIT.substring(40) + "\u001a\r\n+CMGS: 0\r\n\r\nOK\r\n", host.take());
        assertEquals("\r\n+CMGS: 1\r\n\r\nOK\r\n", sendPdu(GAMMU_SUBMIT).substring(GAMMU_SUBMIT.length() + 1));
        List<DeliveredSms> delivered = modem.delivered();
        assertEquals(2, delivered.size());
        assertEquals("+628159919457", delivered.get(0).to());
        assertEquals("Hello from gammu", delivered.get(0).text());
        assertEquals(1, delivered.get(0).parts());
        assertFalse(delivered.get(0).statusReport());
    }

    private String sendPdu(String hex) {
        at("AT+CMGS=" + SmsStorage.tpduLengthOf(hex));
        send(hex + "\u001a");
        return host.take();
    }

    @Test
    void messageReferencesCountUpAndWrapAt255() {
        at("ATE0");
        for (int i = 0; i < 257; i++) {
            String reply = sendPdu(GAMMU_SUBMIT);
            assertTrue(reply.endsWith("\r\n+CMGS: " + (i % 256) + "\r\n\r\nOK\r\n"), reply);
        }
    }

    @Test
    void escCancelsTheSend() {
        at("ATE0");
        at("AT+CMGS=28");
        send(GAMMU_SUBMIT.substring(0, 10) + "\u001b");
        assertEquals("\r\nOK\r\n", host.take());
        assertEquals("\r\nOK\r\n", at("AT"));
        assertTrue(modem.delivered().isEmpty());
    }

    @Test
    void refusesAPduWhoseLengthDoesNotMatch() {
        at("ATE0;+CMEE=1");
        at("AT+CMGS=27");
        send(GAMMU_SUBMIT + "\u001a");
        assertEquals("\r\n+CMS ERROR: 304\r\n", host.take());
        at("AT+CMGS=3");
        send("0011zz\u001a");
        assertEquals("\r\n+CMS ERROR: 304\r\n", host.take());
        assertEquals("\r\n+CMS ERROR: 304\r\n", at("AT+CMGS=0"));
        assertTrue(modem.delivered().isEmpty());
    }

    @Test
    void aLostRegistrationFailsSendsWith331() {
        at("ATE0;+CMEE=1;+CREG=1");
        modem.registered(false);
        assertEquals("\r\n+CREG: 2\r\n", host.take());
        assertEquals("\r\n+CREG: 1,2\r\n\r\nOK\r\n", at("AT+CREG?"));
        assertEquals("\r\n+CSQ: 99,99\r\n\r\nOK\r\n", at("AT+CSQ"));
        assertTrue(sendPdu(GAMMU_SUBMIT).endsWith("\r\n+CMS ERROR: 331\r\n"));
        modem.registered(true);
        assertEquals("\r\n+CREG: 1\r\n", host.take());
        assertTrue(sendPdu(GAMMU_SUBMIT).endsWith("\r\n+CMGS: 0\r\n\r\nOK\r\n"));
    }

    @Test
    void aRefusedNumberFailsWithItsCode() {
        at("ATE0;+CMEE=1");
        modem.failNumber("+628159919457", 21);
        assertTrue(sendPdu(GAMMU_SUBMIT).endsWith("\r\n+CMS ERROR: 21\r\n"));
        modem.failNumber("+628159919457", 0);
        assertTrue(sendPdu(GAMMU_SUBMIT).endsWith("\r\n+CMGS: 0\r\n\r\nOK\r\n"));
    }

    @Test
    void holdsIndicationsBackUntilTheCommandEnds() {
        at("ATE0");
        at("AT+CMGS=28");
        modem.storeRawPdu(DELIVER);
        assertEquals("", host.peek());
        send(GAMMU_SUBMIT + "\u001a");
        assertEquals("\r\n+CMGS: 0\r\n\r\nOK\r\n\r\n+CMTI: \"SM\",1\r\n", host.take());
    }

    @Test
    void deliversDirectlyWithCmtWhenMtIs2() {
        at("ATE0;+CNMI=2,2,0,0,0");
        modem.inbound("+6281234567890", "Langsung");
        String out = host.take();
        assertTrue(out.startsWith("\r\n+CMT: ,"), out);
        String pdu = out.split("\r\n")[2];
        assertEquals(Integer.parseInt(out.split("\r\n")[1].substring(7)), SmsStorage.tpduLengthOf(pdu));
        SmsDeliver d = assertDeliver(pdu);
        assertEquals("+6281234567890", d.originator().value());
        assertEquals("Langsung", d.userData().text());
        assertEquals(0, modem.storedCount());
    }

    private static SmsDeliver assertDeliver(String pdu) {
        try {
            return (SmsDeliver) PduCodec.decode(pdu, true);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFullStorageRefusesWritesAndHoldsArrivalsBack() {
        at("ATE0;+CMEE=1");
        for (int i = 0; i < 3; i++) {
            modem.inbound("+6281234567890", "isi " + i);
        }
        assertEquals(3, modem.storedCount());
        assertThrows(IllegalStateException.class, () -> modem.storeRawPdu(DELIVER));
        at("AT+CMGW=28");
        send(GAMMU_SUBMIT + "\u001a");
        assertEquals("\r\n+CMS ERROR: 322\r\n", host.take());
        modem.inbound("+6281234567890", "menunggu");
        assertEquals(1, modem.pendingCount());
        host.take();
        assertEquals("\r\nOK\r\n\r\n+CMTI: \"SM\",2\r\n", at("AT+CMGD=2"));
        assertEquals(0, modem.pendingCount());
        assertEquals("menunggu", assertDeliver(modem.store("SM").peek(2).orElseThrow().hex()).userData().text());
    }

    @Test
    void writesAndSendsFromStorage() {
        at("ATE0");
        at("AT+CMGW=28");
        send(GAMMU_SUBMIT + "\u001a");
        assertEquals("\r\n+CMGW: 1\r\n\r\nOK\r\n", host.take());
        assertEquals("\r\n+CMGL: 1,2,,28\r\n" + GAMMU_SUBMIT + "\r\n\r\nOK\r\n", at("AT+CMGL=2"));
        assertEquals("\r\n+CMSS: 0\r\n\r\nOK\r\n", at("AT+CMSS=1"));
        assertEquals("\r\n+CMGL: 1,3,,28\r\n" + GAMMU_SUBMIT + "\r\n\r\nOK\r\n", at("AT+CMGL=3"));
        assertEquals("Hello from gammu", modem.delivered().get(0).text());
    }

    @Test
    void aLongSmsBetweenModemsArrivesInPartsAndIsReportedBack() throws Exception {
        at("ATE0;+CNMI=2,1,0,1,0");
        SimModem other = network.modem(2);
        Host otherHost = new Host();
        other.device().attach(otherHost);
        String text = "Pesan panjang dari modem satu ke modem dua. ".repeat(5);
        List<EncodedPdu> parts = PduCodec.encodeSubmit(new SubmitRequest(other.number(), text, false, true, 7, null));
        assertTrue(parts.size() > 1);
        for (EncodedPdu p : parts) {
            assertTrue(sendPdu(p.hex()).contains("+CMGS: "));
        }
        assertTrue(modem.delivered().isEmpty(), "to a simulated modem, not to the outside");
        await().atMost(Duration.ofSeconds(5)).until(() -> other.storedCount() == parts.size());
        StringBuilder joined = new StringBuilder();
        for (int i = 1; i <= parts.size(); i++) {
            SmsDeliver d = assertDeliver(other.store("SM").peek(i).orElseThrow().hex());
            assertEquals(modem.number(), d.originator().value());
            assertEquals(parts.size(), d.userData().concat().total());
            joined.append(d.userData().text());
        }
        assertEquals(text, joined.toString());
        assertTrue(otherHost.peek().contains("+CMTI: \"SM\","));
        // One status report per part, as +CDS because ds=1.
        await().atMost(Duration.ofSeconds(5)).until(() -> host.history().split("\\+CDS: ").length - 1 == parts.size());
        String cds = host.history().split("\\+CDS: ")[1];
        SmsStatusReport report = (SmsStatusReport) PduCodec.decode(cds.split("\r\n")[1], true);
        assertEquals(0, report.status());
        assertEquals(other.number(), report.recipient().value());
    }

    @Test
    void storesStatusReportsWhenDsIs2() {
        at("ATE0;+CNMI=2,1,0,2,0");
        // GAMMU_SUBMIT with TP-SRR set (first octet 0x31), as gammu -report sends it.
        String withSrr = "0591261816423" + GAMMU_SUBMIT.substring(13);
        assertTrue(sendPdu(withSrr).contains("+CMGS: 0"));
        await().atMost(Duration.ofSeconds(5)).until(() -> host.history().contains("+CDSI: \"SM\",1"));
        assertTrue(modem.delivered().get(0).statusReport());
        assertEquals(1, modem.storedCount());
    }

    @Test
    void asksForThePinAfterPowerOn() {
        network.close();
        network = new SimNetwork(SimOptions.ephemeral(1).withPin("1234"));
        modem = network.modem(1);
        modem.device().attach(host);
        at("ATE0;+CMEE=1");
        assertEquals("\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n", at("AT+CPIN?"));
        assertEquals("\r\n+CMS ERROR: 311\r\n", at("AT+CMGL=4"));
        assertEquals("\r\n+CME ERROR: 11\r\n", at("AT+CIMI"));
        assertEquals("\r\n+CME ERROR: 16\r\n", at("AT+CPIN=\"0000\""));
        assertEquals("\r\nOK\r\n", at("AT+CPIN=\"1234\""));
        assertEquals("\r\n+CPIN: READY\r\n\r\nOK\r\n", at("AT+CPIN?"));
        assertEquals("\r\nOK\r\n", at("AT+CMGL=4"));
    }

    @Test
    void resetsSettingsOnAtzAndReboot() {
        at("ATE0;+CMEE=1;+CSCS=\"HEX\"");
        assertEquals("\r\nOK\r\n", at("ATZ"));
        assertEquals("AT+CSCS?\r\r\n+CSCS: \"IRA\"\r\n\r\nOK\r\n", at("AT+CSCS?"));
        at("ATE0");
        assertEquals("\r\nOK\r\n", at("AT+CFUN=1,1"));
        assertEquals("", at("AT"), "silent while booting");
        await().atMost(Duration.ofSeconds(3)).until(() -> modem.registered());
        assertEquals("AT\r\r\nOK\r\n", at("AT"));
    }

    @Test
    void aHungModemSwallowsEverythingUntilUnhung() {
        modem.hang(true);
        assertEquals("", at("AT"));
        modem.storeRawPdu(DELIVER);
        assertEquals("", host.peek());
        modem.hang(false);
        assertEquals("\r\n+CMTI: \"SM\",1\r\n", host.take());
        assertEquals("AT\r\r\nOK\r\n", at("AT"));
    }

    @Test
    void dropsTheLineAfterThePduWhenToldToDropMidSend() {
        at("ATE0");
        modem.dropMidSend();
        String reply = sendPdu(GAMMU_SUBMIT);
        assertTrue(host.hungUp);
        assertFalse(reply.contains("+CMGS"), reply);
        assertTrue(modem.delivered().isEmpty());
    }

    @Test
    void survivesGarbageAndOverlongLines() {
        at("ATE0");
        byte[] garbage = new byte[5000];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
            if (garbage[i] == '\r' || garbage[i] == '\n' || garbage[i] == 0x1a || garbage[i] == 0x1b) {
                garbage[i] = 'x';
            }
        }
        modem.device().input(garbage, 0, garbage.length);
        assertEquals("\r\nERROR\r\n", at(""));
        assertEquals("\r\nERROR\r\n", at("AT" + "E1".repeat(AtDevice.MAX_LINE)));
        assertEquals("\r\nOK\r\n", at("AT"));
        at("AT+CMGS=28");
        send("A".repeat(AtDevice.MAX_PDU_HEX + 10) + "\u001a");
        assertEquals("\r\nERROR\r\n", host.take());
        assertEquals("\r\nOK\r\n", at("AT"));
    }
}
