package org.switchboard.modem.at;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AtChannelTest {
    private final AtChannel channel = new AtChannel();

    private List<AtEvent> feed(String text, long now) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return channel.receive(bytes, 0, bytes.length, now);
    }

    private static AtResponse completed(List<AtEvent> events) {
        List<AtResponse> done = new ArrayList<>();
        for (AtEvent e : events) {
            if (e instanceof AtEvent.Completed c) {
                done.add(c.response());
            }
        }
        assertEquals(1, done.size(), "one completion expected in " + events);
        return done.get(0);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void submitSendsTheLineWithCarriageReturnAndRefusesASecondCommand() {
        List<AtEvent> events = channel.submit(AtCommand.of("AT+CSQ"), 0);
        assertEquals(1, events.size());
        assertArrayEquals(ascii("AT+CSQ\r"), ((AtEvent.Send) events.get(0)).bytes());
        assertTrue(channel.busy());
        assertThrows(IllegalStateException.class, () -> channel.submit(AtCommand.of("AT"), 1));
        AtResponse r = completed(feed("\r\n+CSQ: 9,99\r\n\r\nOK\r\n", 2));
        assertEquals(List.of("+CSQ: 9,99"), r.lines());
        assertTrue(r.ok());
        assertEquals("", r.errorText());
        assertFalse(channel.busy());
    }

    @Test
    void malformedCommandsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> channel.submit(AtCommand.of("AT\r\nAT"), 0));
        assertThrows(IllegalArgumentException.class, () -> channel.submit(new AtCommand(null, null, 1), 0));
        assertThrows(NullPointerException.class, () -> channel.submit(null, 0));
        assertFalse(channel.busy());
    }

    @Test
    void promptPayloadGoesOutWithCtrlZAsASecondSend() {
        channel.submit(new AtCommand("AT+CMGS=9", "0011AB", 5_000), 0);
        assertEquals(List.of(), feed("AT+CMGS=9\r\r\n", 1));
        List<AtEvent> events = feed("> ", 2);
        assertEquals(1, events.size());
        assertArrayEquals(ascii("0011AB\u001a"), ((AtEvent.Send) events.get(0)).bytes());
        assertEquals(List.of(), feed("> ", 3), "a second prompt must not resend the payload");
        AtResponse r = completed(feed("0011AB\u001a\r\n+CMGS: 3\r\n\r\nOK\r\n", 4));
        assertEquals(List.of("+CMGS: 3"), r.lines());
    }

    @Test
    void timeoutAtTheDeadline() {
        channel.submit(AtCommand.of("AT+COPS=?").withTimeout(1_000), 100);
        feed("AT+COPS=?\r\r\n+COPS: (2,\"A\"", 200);
        assertEquals(List.of(), channel.tick(1_099));
        AtResponse r = completed(channel.tick(1_100));
        assertEquals(FinalResult.TIMEOUT, r.result());
        assertEquals("TIMEOUT", r.errorText());
        assertFalse(channel.busy());
    }

    @Test
    void errorFinalsCloseTheLinesAndOfferTheirText() {
        channel.submit(AtCommand.of("AT+CPMS=\"XX\""), 0);
        AtResponse r = completed(feed("+CPMS: 0,1\r\n+CMS ERROR: 302\r\n", 1));
        assertEquals(FinalResult.CMS_ERROR, r.result());
        assertEquals(302, r.errorCode());
        assertEquals(List.of("+CPMS: 0,1", "+CMS ERROR: 302"), r.lines());
        assertEquals(List.of("+CPMS: 0,1"), r.informationLines());
        assertEquals("302", r.errorText());
        channel.submit(AtCommand.of("AT+CPIN?"), 2);
        AtResponse pin = completed(feed("+CME ERROR: SIM PIN required\r\n", 3));
        assertEquals(FinalResult.CME_ERROR, pin.result());
        assertEquals(-1, pin.errorCode());
        assertEquals("SIM PIN required", pin.errorText());
        channel.submit(AtCommand.of("AT+X"), 4);
        assertEquals("ERROR", completed(feed("ERROR\r\n", 5)).errorText());
    }

    @Test
    void resetForgetsThePartialLineAndTheCommand() {
        channel.submit(AtCommand.of("AT+CGMI"), 0);
        feed("AT+CGMI\r\r\nHUAW", 1);
        assertEquals(4, channel.partialLineLength());
        channel.reset();
        assertFalse(channel.busy());
        assertEquals(0, channel.partialLineLength());
        assertEquals(List.of(), channel.tick(1_000_000));
        channel.submit(AtCommand.of("AT+CGMI"), 2);
        assertEquals(List.of("QUECTEL"), completed(feed("EI\r\nAT+CGMI\r\r\nQUECTEL\r\nOK\r\n", 3)).lines());
    }

    @Test
    void aLineWithoutEndStaysUnderTheCap() {
        byte[] junk = new byte[100_000];
        java.util.Arrays.fill(junk, (byte) 'A');
        channel.receive(junk, 0, junk.length, 0);
        assertTrue(channel.partialLineLength() <= LineFramer.MAX_LINE_LENGTH);
        feed("\r\n", 1);
        assertEquals(1, channel.droppedLineCount());
        channel.submit(AtCommand.of("AT"), 2);
        assertTrue(completed(feed("AT\r\r\nOK\r\n", 3)).ok());
    }

    @Test
    void aListingWithoutEndIsCappedAndTimesOut() {
        channel.submit(AtCommand.of("AT+CMGL=4").withTimeout(30_000), 0);
        StringBuilder listing = new StringBuilder();
        for (int i = 0; i < AtChannel.MAX_RESPONSE_LINES + 500; i++) {
            listing.append("+CMGL: ").append(i).append(",1,,23\r\n");
        }
        feed(listing.toString(), 1);
        assertEquals(AtChannel.MAX_RESPONSE_LINES, channel.collectedLineCount());
        assertEquals(List.of(), feed("OK\r\n", 2), "an incomplete listing must not pass for a complete one");
        AtResponse r = completed(channel.tick(30_000));
        assertEquals(FinalResult.TIMEOUT, r.result());
        assertEquals(AtChannel.MAX_RESPONSE_LINES, r.lines().size());
    }

    @Test
    void staleFinalsWhileIdleAreDroppedAndUnknownCodesAreReported() {
        assertEquals(List.of(), feed("\r\nOK\r\n\r\nERROR\r\n+CMS ERROR: 500\r\nAT+CSQ\r\nhello\r\n", 0));
        List<AtEvent> events = feed("+XYZ: 1\r\n", 1);
        assertEquals(new UnsolicitedResult("+XYZ", "+XYZ: 1", null), ((AtEvent.Unsolicited) events.get(0)).urc());
    }

    @Test
    void echoModeIsLearntFromAnswersAndAte() {
        assertEquals(EchoMode.UNKNOWN, channel.echoMode());
        channel.submit(AtCommand.of("AT"), 0);
        feed("AT\r\r\nOK\r\n", 1);
        assertEquals(EchoMode.ON, channel.echoMode());
        channel.submit(AtCommand.of("ATE0"), 2);
        feed("ATE0\r\r\nOK\r\n", 3);
        assertEquals(EchoMode.OFF, channel.echoMode());
        assertEquals(EchoMode.ON, EchoMode.after("ATV1E1"));
        assertEquals(EchoMode.OFF, EchoMode.after("ate"));
        assertEquals(EchoMode.UNKNOWN, EchoMode.after("AT&F"));
        assertEquals(null, EchoMode.after("AT+CMEE=1"));
    }

    @Test
    void afterATimeoutWithEchoOffTheNextCommandIsHeldUntilTheLineIsQuiet() {
        channel.submit(AtCommand.of("ATE0"), 0);
        feed("ATE0\r\r\nOK\r\n", 1);
        channel.submit(AtCommand.of("AT+COPS=?").withTimeout(1_000), 10);
        completed(channel.tick(1_010));
        assertEquals(List.of(), channel.submit(AtCommand.of("AT+CSQ").withTimeout(1_000), 1_010));
        assertTrue(channel.busy());
        assertEquals(List.of(), feed("\r\n+COPS: (1,\"A\")\r\n\r\nOK\r\n", 1_900));
        assertEquals(List.of(), channel.tick(2_050), "still within 200 ms of the late answer");
        List<AtEvent> released = channel.tick(2_100);
        assertArrayEquals(ascii("AT+CSQ\r"), ((AtEvent.Send) released.get(0)).bytes());
        assertEquals(List.of(), channel.tick(3_000), "the deadline counts from the release");
        assertEquals(FinalResult.TIMEOUT, completed(channel.tick(3_100)).result());
    }

    @Test
    void pduHeaderMatchesOnlyPlausiblePdus() {
        assertTrue(AtChannel.isPduFor("+CMT: ,2", "0011AB"));
        assertTrue(AtChannel.isPduFor("+CMT: \"x\"", "0011AB"));
        assertFalse(AtChannel.isPduFor("+CMT: ,2", "0011A"));
        assertFalse(AtChannel.isPduFor("+CMT: ,9", "0011AB"));
        assertFalse(AtChannel.isPduFor("+CDS: 1", "OK"));
    }
}
