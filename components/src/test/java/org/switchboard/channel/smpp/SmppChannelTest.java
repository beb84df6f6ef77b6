package org.switchboard.channel.smpp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.ChannelListener;
import org.switchboard.channel.DeliveryState;
import org.switchboard.channel.LineState;
import org.switchboard.channel.OutboundMessage;
import org.switchboard.channel.ReceivedSms;
import org.switchboard.channel.StatusReport;
import org.switchboard.channel.SubmitFailure;
import org.switchboard.channel.Submitted;
import org.switchboard.modem.pdu.UnpackedGsm7;
import org.switchboard.smpp.MoParts;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/** The smpp channel against the SMSC simulator (jSMPP's server side) over TCP: submits, receipts, MO, faults. */
class SmppChannelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private SmscSimulator smsc;
    private SmppChannel channel;
    private final List<ReceivedSms> received = new CopyOnWriteArrayList<>();
    private final List<StatusReport> reports = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseReceived = new AtomicInteger();

    private final ChannelListener listener = new ChannelListener() {
        @Override
        public void received(ReceivedSms sms) {
            if (refuseReceived.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("database down");
            }
            received.add(sms);
        }

        @Override
        public void reported(StatusReport report) {
            reports.add(report);
        }
    };

    @BeforeEach
    void start() throws Exception {
        TestDatabases.truncateAll(db.dataSource());
        smsc = SmscSimulator.start("hub", "secret");
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.stop();
        }
        smsc.close();
    }

    private SmppChannel open(SmppChannelSettings settings) throws Exception {
        channel = new SmppChannel("operator", settings, new MoParts(db.dataSource()));
        channel.start(listener);
        await().atMost(WAIT).until(() -> channel.line(channel.lines().get(0)).ready());
        return channel;
    }

    private SmppChannelSettings settings() {
        return SmppChannelSettings.of("127.0.0.1", smsc.port(), "hub", "secret").withBinds(2, 3).withSource("9123");
    }

    private static OutboundMessage sms(long id, String to, String text) {
        return new OutboundMessage(id, to, text, org.switchboard.channel.MessageKind.TEXT, true, false);
    }

    @Test
    void eachBindOffersItsWindowAsLinesAndAMessageGoesOutWithItsReference() throws Exception {
        open(settings());
        assertEquals(List.of("operator-1-01", "operator-1-02", "operator-1-03", "operator-2-01", "operator-2-02",
                "operator-2-03"), channel.lines());
        Submitted s = channel.submit("operator-2-01", sms(1, "+6281234567890", "Your code is 4711"));
        SmscSimulator.Submit got = smsc.submits().get(0);
        assertEquals(List.of(got.messageId()), s.partReferences());
        assertEquals("6281234567890", got.destination());
        assertEquals("9123", got.source());
        assertEquals("Your code is 4711", got.text());
        assertEquals(1, got.registeredDelivery());
        // the receipt comes back on a receiver, named by that reference
        await().atMost(WAIT).until(() -> !reports.isEmpty());
        StatusReport r = reports.get(0);
        assertEquals(got.messageId(), r.reference());
        assertEquals(DeliveryState.DELIVERED, r.state());
        assertEquals("operator", r.channel());
        assertEquals("+6281234567890", r.recipient());
    }

    @Test
    void longTextGoesInTheBindsFormAndUcs2WhenItMust() throws Exception {
        String text = "Привет! " + "Это длинное сообщение. ".repeat(6);
        open(settings());
        Submitted udh = channel.submit("operator-1-01", sms(1, "+6281234567890", text));
        assertEquals(3, udh.parts());
        assertEquals(3, smsc.submits().size());
        StringBuilder joined = new StringBuilder();
        for (SmscSimulator.Submit s : smsc.submits()) {
            assertEquals(8, s.dataCoding());
            assertEquals(0x40, s.esmClass() & 0x40);
            joined.append(s.text());
        }
        assertEquals(text, joined.toString());
        channel.stop();
        open(settings().withLongForm(LongForm.PAYLOAD));
        assertEquals(1, channel.submit("operator-1-01", sms(2, "+6281234567890", text)).parts());
        assertEquals(text, smsc.submits().get(3).text());
        channel.stop();
        open(settings().withLongForm(LongForm.SAR));
        channel.submit("operator-1-01", sms(3, "+6281234567890", text));
        assertEquals(2, smsc.submits().get(5).read().part().seq());
    }

    @Test
    void receiptIdsInDecimalFindPartsTheSmscNamedInHex() throws Exception {
        smsc.hexIds().receiptIdsInDecimal();
        open(settings().withIds(MessageIdBase.HEX, MessageIdBase.DECIMAL));
        Submitted s = channel.submit("operator-1-01", sms(1, "+6281234567890", "hex"));
        String hex = smsc.submits().get(0).messageId();
        assertEquals(Long.toString(Long.parseLong(hex, 16)), s.partReferences().get(0));
        await().atMost(WAIT).until(() -> !reports.isEmpty());
        assertEquals(s.partReferences().get(0), reports.get(0).reference());
    }

    @Test
    void inboundSmsShortAndInPartsAreHandedOnWholeAndPartsOutliveARestart() throws Exception {
        open(settings());
        assertEquals(List.of(0), smsc.deliver("+6281111111111", "9123", List.of("REG QUIZ".getBytes(
                StandardCharsets.US_ASCII)), 0));
        await().atMost(WAIT).until(() -> received.size() == 1);
        assertEquals("REG QUIZ", received.get(0).text());
        assertEquals("+6281111111111", received.get(0).originator());
        assertEquals("9123", received.get(0).destination());

        byte[] a = UnpackedGsm7.encode("first half, ").orElseThrow();
        byte[] b = UnpackedGsm7.encode("second half").orElseThrow();
        // the first part now; then the hub restarts (a new channel on the same database); then the second part
        assertEquals(0, smsc.deliverPart("+6282222222222", "9123", 77, 2, 1, a, 0));
        channel.stop();
        assertEquals(1, received.size(), "half a message is not handed on");
        open(settings());
        assertEquals(0, smsc.deliverPart("+6282222222222", "9123", 77, 2, 2, b, 0));
        await().atMost(WAIT).until(() -> received.size() == 2);
        assertEquals("first half, second half", received.get(1).text());
        assertEquals(2, received.get(1).parts());
    }

    @Test
    void anInboundSmsTheHubCannotStoreIsRefusedForNowSoTheSmscKeepsIt() throws Exception {
        open(settings());
        refuseReceived.set(1);
        List<Integer> first = smsc.deliver("+6281111111111", "9123", List.of("later".getBytes(
                StandardCharsets.US_ASCII)), 0);
        assertEquals(List.of(SMPPConstant.STAT_ESME_RX_T_APPN), first);
        assertTrue(received.isEmpty());
        assertEquals(List.of(0), smsc.deliver("+6281111111111", "9123", List.of("later".getBytes(
                StandardCharsets.US_ASCII)), 0));
        assertEquals("later", received.get(0).text());
    }

    @Test
    void throttlingSlowsTheBindAndTheSubmitGoesThroughPermanentErrorsFailTheMessage() throws Exception {
        open(settings());
        smsc.refuseNext(2, SMPPConstant.STAT_ESME_RTHROTTLED);
        channel.submit("operator-1-01", sms(1, "+6281234567890", "after a pause"));
        assertEquals(1, smsc.submits().size());
        assertEquals(2L, channel.line("operator-1-01").attributes().get("throttled"));
        smsc.refuseNext(1, SMPPConstant.STAT_ESME_RINVDSTADR);
        SubmitFailure f = assertThrows(SubmitFailure.class, () -> channel.submit("operator-1-02",
                sms(2, "+6281234567890", "x")));
        assertEquals(SubmitFailure.Retry.PERMANENT, f.retry());
        assertEquals(SMPPConstant.STAT_ESME_RINVDSTADR, f.code());
        assertTrue(f.reason().contains("ESME_RINVDSTADR"), f.reason());
    }

    @Test
    void aLostBindMakesItsLinesDownUntilItIsBoundAgain() throws Exception {
        SmppChannelSettings fast = new SmppChannelSettings("127.0.0.1", smsc.port(), "hub", "secret", "", "", true, 1,
                2, 0, "", LongForm.UDH, false, MessageIdBase.STRING, MessageIdBase.STRING, Duration.ofSeconds(30),
                Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(400));
        open(fast);
        // the SMSC restarts: the binds drop, and it refuses new ones until it is up, so that the lines stay down
        // while the test submits (the channel tries again every 100 ms)
        smsc.refuseBinds(true);
        smsc.dropBinds();
        await().atMost(WAIT).until(() -> !channel.line("operator-1-01").ready());
        SubmitFailure down = assertThrows(SubmitFailure.class, () -> channel.submit("operator-1-01",
                sms(1, "+6281234567890", "x")));
        assertEquals(SubmitFailure.Retry.ELSEWHERE, down.retry());
        assertTrue(down.lineFault());
        smsc.refuseBinds(false);
        await().atMost(WAIT).until(() -> channel.line("operator-1-01").ready());
        assertEquals(2, smsc.bindsAccepted());
        channel.submit("operator-1-01", sms(2, "+6281234567890", "back"));
    }

    @Test
    void aWrongPasswordKeepsTheLinesDownAndSaysWhy() throws Exception {
        channel = new SmppChannel("operator", SmppChannelSettings.of("127.0.0.1", smsc.port(), "hub", "wrong"),
                new MoParts(db.dataSource()));
        channel.start(listener);
        await().atMost(WAIT).until(() -> channel.line("operator-1-01").state() == LineState.State.DOWN);
        assertTrue(channel.line("operator-1-01").reason().contains("ESME_RINVPASWD"),
                channel.line("operator-1-01").reason());
    }

    @Test
    void noAnswerToASubmitMayHaveSentItAndTheBindIsDropped() throws Exception {
        SmppChannelSettings impatient = new SmppChannelSettings("127.0.0.1", smsc.port(), "hub", "secret", "", "",
                true, 1, 2, 0, "", LongForm.UDH, false, MessageIdBase.STRING, MessageIdBase.STRING,
                Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(400));
        open(impatient);
        smsc.answerDelay(Duration.ofSeconds(1));
        SubmitFailure f = assertThrows(SubmitFailure.class, () -> channel.submit("operator-1-01",
                sms(1, "+6281234567890", "slow")));
        assertTrue(f.possiblySent());
        assertEquals(SubmitFailure.Retry.ELSEWHERE, f.retry());
    }
}
