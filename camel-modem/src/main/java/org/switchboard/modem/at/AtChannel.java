package org.switchboard.modem.at;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The AT dialogue as a pure state machine: bytes and clock ticks in, {@link AtEvent}s out; no I/O, no threads.
 * One command is in flight at a time.
 *
 * <p>Memory is bounded whatever the modem sends: a line longer than {@value LineFramer#MAX_LINE_LENGTH} characters
 * is dropped, and an answer longer than {@value #MAX_RESPONSE_LINES} lines or {@value #MAX_RESPONSE_CHARS}
 * characters stops being collected; such a command ends by its timeout, since a truncated +CMGL listing must not
 * pass for a complete one.
 *
 * <p>Late output of a command that timed out must not answer the next one. With echo on (as last seen), the next
 * command ignores everything but URCs until its own echo. With echo off or not yet known, the next command's
 * bytes are held back until the modem has been quiet for {@value #QUIET_MILLIS} ms and at least
 * {@value #LATE_ANSWER_GRACE_MILLIS} ms have passed since the timeout (at most {@value #MAX_HOLD_MILLIS} ms), and
 * whatever arrives meanwhile is treated as late: an answer later than that is still misattributed. A held
 * command's deadline counts from when its bytes are released.
 */
public final class AtChannel {
    static final int MAX_RESPONSE_LINES = 2048;
    static final int MAX_RESPONSE_CHARS = 1 << 20;
    static final long PDU_LINE_WAIT_MILLIS = 2_000;
    static final long LATE_ANSWER_GRACE_MILLIS = 1_000;
    static final long QUIET_MILLIS = 200;
    static final long MAX_HOLD_MILLIS = 3_000;
    private static final byte CTRL_Z = 0x1A;

    /** A +CMT/+CDS/+CBM header whose PDU line is still to come. */
    private record HeaderAwaitingPdu(String code, String header, long sinceMillis) {
    }

    private final LineFramer framer = new LineFramer();
    private CommandInFlight current;
    private HeaderAwaitingPdu awaitingPdu;
    private EchoMode echo = EchoMode.UNKNOWN;
    private boolean lateAnswerPossible;
    private long timedOutAtMillis;
    private String timedOutCommandLine;
    private long lastByteMillis;
    private boolean anyByteSeen;

    /** True while a command waits for its final result. */
    public boolean busy() {
        return current != null;
    }

    /**
     * Starts a command; the result holds the {@link AtEvent.Send} with its bytes (held back after a timeout with echo
     * off, see the class comment: then the Send comes from a later {@link #tick}).
     *
     * @throws IllegalStateException    while another command is in flight
     * @throws IllegalArgumentException when the command line is missing or contains a line end
     */
    public List<AtEvent> submit(AtCommand command, long nowMillis) {
        Objects.requireNonNull(command, "command");
        String line = command.line();
        if (line == null || line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("command line must be one line: " + line);
        }
        if (current != null) {
            throw new IllegalStateException("'" + current.command.line() + "' is still in flight");
        }
        List<AtEvent> events = new ArrayList<>(1);
        CommandInFlight next = new CommandInFlight(command);
        current = next;
        if (lateAnswerPossible && echo == EchoMode.ON) {
            next.waitForEcho = true;
        } else if (lateAnswerPossible) {
            next.held = true;
            next.heldSinceMillis = nowMillis;
            releaseIfQuiet(nowMillis, events);
            return events;
        }
        send(next, nowMillis, events);
        return events;
    }

    /**
     * Feeds bytes read from the modem.
     *
     * @throws IndexOutOfBoundsException when offset and length do not lie within the buffer
     */
    public List<AtEvent> receive(byte[] buffer, int offset, int length, long nowMillis) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        List<AtEvent> events = new ArrayList<>(2);
        if (length > 0) {
            lastByteMillis = nowMillis;
            anyByteSeen = true;
        }
        for (int i = offset; i < offset + length; i++) {
            String line = framer.accept(buffer[i]);
            if (line != null) {
                onLine(line, events);
            } else if (framer.partialIsPrompt()) {
                // A prompt nobody waits for (a late one after a timeout) is dropped, or it would spoil the next line.
                framer.consumePrompt();
                if (current != null && current.awaitsPrompt()) {
                    sendPayload(events);
                }
            }
        }
        return events;
    }

    /** Lets time pass: completes the command in flight with TIMEOUT once its deadline is reached. */
    public List<AtEvent> tick(long nowMillis) {
        List<AtEvent> events = new ArrayList<>(1);
        if (awaitingPdu != null && nowMillis - awaitingPdu.sinceMillis() >= PDU_LINE_WAIT_MILLIS) {
            flushHeaderWithoutPdu(events);
        }
        CommandInFlight f = current;
        if (f == null) {
            return events;
        }
        if (f.held) {
            releaseIfQuiet(nowMillis, events);
        } else if (nowMillis - f.deadlineMillis >= 0) {
            timeOut(nowMillis, events);
        }
        return events;
    }

    /** Forgets any partial line and the command in flight (after the port was reopened). */
    public void reset() {
        framer.reset();
        current = null;
        awaitingPdu = null;
        echo = EchoMode.UNKNOWN;
        lateAnswerPossible = false;
        timedOutCommandLine = null;
        anyByteSeen = false;
    }

    // ---------------------------------------------------------------- package-private views for tests

    int partialLineLength() {
        return framer.partialLength();
    }

    int collectedLineCount() {
        return current == null ? 0 : current.lines.size();
    }

    int collectedCharCount() {
        return current == null ? 0 : current.collectedChars;
    }

    long droppedLineCount() {
        return framer.droppedLines();
    }

    EchoMode echoMode() {
        return echo;
    }

    // ---------------------------------------------------------------- sending

    private void send(CommandInFlight f, long nowMillis, List<AtEvent> events) {
        f.held = false;
        long timeout = Math.max(0, f.command.timeoutMillis());
        f.deadlineMillis = timeout > Long.MAX_VALUE - nowMillis ? Long.MAX_VALUE : nowMillis + timeout;
        events.add(new AtEvent.Send(latin1(f.command.line() + "\r")));
    }

    private void releaseIfQuiet(long nowMillis, List<AtEvent> events) {
        CommandInFlight f = current;
        boolean graceOver = nowMillis - timedOutAtMillis >= LATE_ANSWER_GRACE_MILLIS;
        boolean quiet = !anyByteSeen || nowMillis - lastByteMillis >= QUIET_MILLIS;
        if ((graceOver && quiet) || nowMillis - f.heldSinceMillis >= MAX_HOLD_MILLIS) {
            send(f, nowMillis, events);
        }
    }

    private void sendPayload(List<AtEvent> events) {
        flushHeaderWithoutPdu(events);
        current.payloadSent = true;
        byte[] payload = latin1(current.command.promptPayload());
        byte[] bytes = new byte[payload.length + 1];
        System.arraycopy(payload, 0, bytes, 0, payload.length);
        bytes[payload.length] = CTRL_Z;
        events.add(new AtEvent.Send(bytes));
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- receiving

    private void onLine(String line, List<AtEvent> events) {
        if (awaitingPdu != null) {
            HeaderAwaitingPdu header = awaitingPdu;
            awaitingPdu = null;
            String pdu = AtText.strip(line);
            if (isPduFor(header.header(), pdu)) {
                events.add(urc(header.code(), header.header(), pdu));
                return;
            }
            // The PDU line was cut off: report the header alone and read this line for what it is.
            events.add(urc(header.code(), header.header(), null));
        }
        if (current == null || current.held) {
            onLineWhileIdle(line, events);
        } else {
            onLineOfCommand(line, events);
        }
    }

    private void onLineWhileIdle(String line, List<AtEvent> events) {
        FinalResultLine fin = FinalResultLine.parse(line);
        if (fin != null) {
            if (fin.result() == FinalResult.NO_CARRIER) {
                events.add(urc("NO CARRIER", line, null));
            }
            return;
        }
        String code = AtText.codeOf(line);
        if (UnsolicitedCodes.isKnown(code)) {
            routeUrc(code, line, events);
        } else if (UnsolicitedCodes.looksLikeResultCode(code) && !isLateAnswer(code)) {
            routeUrc(code, line, events);
        }
        // Anything else with nothing in flight is a late echo or information line: dropped.
    }

    private boolean isLateAnswer(String code) {
        return timedOutCommandLine != null && timedOutCommandLine.toUpperCase(Locale.ROOT).contains(code);
    }

    private void onLineOfCommand(String line, List<AtEvent> events) {
        CommandInFlight f = current;
        String stripped = AtText.strip(line);
        String code = AtText.codeOf(line);
        if (f.waitForEcho && !f.echoSeen) {
            if (f.isEcho(stripped)) {
                f.echoSeen = true;
            } else if (UnsolicitedCodes.isUnsolicitedDuring(code, line, f.command.line())) {
                routeUrc(code, line, events);
            } else if (FinalResultLine.parse(line) != null) {
                f.finalSeenBeforeEcho = true;
            }
            return;
        }
        if (!f.echoSeen && !f.payloadSent && f.isEcho(stripped)) {
            // With echo on nothing of ours comes before the echo: lines collected so far were older output.
            f.echoSeen = true;
            f.lines.clear();
            f.collectedChars = 0;
            f.overflowed = false;
            return;
        }
        if (f.payloadSent && !f.payloadEchoSeen && f.isPayloadEcho(stripped)) {
            f.payloadEchoSeen = true;
            return;
        }
        if (f.awaitsPrompt() && stripped.equals(">")) {
            sendPayload(events);
            return;
        }
        FinalResultLine fin = FinalResultLine.parse(line);
        if (fin != null) {
            if (!f.overflowed) {
                complete(fin, line, events);
            }
            return;
        }
        if (UnsolicitedCodes.isUnsolicitedDuring(code, line, f.command.line())) {
            routeUrc(code, line, events);
            return;
        }
        collect(f, line);
    }

    private static void collect(CommandInFlight f, String line) {
        if (f.overflowed || f.lines.size() >= MAX_RESPONSE_LINES
                || f.collectedChars + line.length() > MAX_RESPONSE_CHARS) {
            f.overflowed = true;
            return;
        }
        f.lines.add(line);
        f.collectedChars += line.length();
    }

    private void routeUrc(String code, String line, List<AtEvent> events) {
        if (UnsolicitedCodes.FOLLOWED_BY_PDU.contains(code)) {
            awaitingPdu = new HeaderAwaitingPdu(code, line, lastByteMillis);
        } else {
            events.add(urc(code, line, null));
        }
    }

    private void flushHeaderWithoutPdu(List<AtEvent> events) {
        if (awaitingPdu != null) {
            events.add(urc(awaitingPdu.code(), awaitingPdu.header(), null));
            awaitingPdu = null;
        }
    }

    /**
     * Whether a line is the PDU announced by a +CMT/+CDS header: even-length hex whose octet count fits the
     * header's TPDU length plus an SMSC field of at most 12 octets, so that an ordinary answer line (an IMEI, the
     * next echo) is not swallowed.
     */
    static boolean isPduFor(String header, String pdu) {
        if (pdu.length() % 2 != 0 || !AtText.isHex(pdu)) {
            return false;
        }
        String arguments = AtFields.argumentsOf(header);
        List<String> fields = arguments == null ? List.of() : AtFields.split(arguments);
        int tpduLength = fields.isEmpty() ? -1 : AtText.parseIntOr(fields.get(fields.size() - 1), -1);
        if (tpduLength < 0) {
            return true;
        }
        int octets = pdu.length() / 2;
        return octets >= tpduLength && octets <= tpduLength + 12;
    }

    // ---------------------------------------------------------------- ending a command

    private void complete(FinalResultLine fin, String line, List<AtEvent> events) {
        CommandInFlight f = current;
        List<String> lines = new ArrayList<>(f.lines);
        if (fin.result() != FinalResult.OK) {
            lines.add(line);
        }
        EchoMode learnt = EchoMode.after(f.command.line());
        echo = f.echoSeen ? EchoMode.ON : EchoMode.OFF;
        if (fin.result() == FinalResult.OK && learnt != null) {
            echo = learnt;
        }
        lateAnswerPossible = false;
        timedOutCommandLine = null;
        current = null;
        events.add(new AtEvent.Completed(new AtResponse(f.command, fin.result(), fin.errorCode(), List.copyOf(lines))));
    }

    private void timeOut(long nowMillis, List<AtEvent> events) {
        CommandInFlight f = current;
        if (f.waitForEcho && !f.echoSeen && f.finalSeenBeforeEcho) {
            // Answers came but never our echo: echo is probably off now (the modem rebooted, or ATE0 elsewhere).
            echo = EchoMode.UNKNOWN;
        }
        lateAnswerPossible = true;
        timedOutAtMillis = nowMillis;
        timedOutCommandLine = f.command.line();
        current = null;
        events.add(new AtEvent.Completed(new AtResponse(f.command, FinalResult.TIMEOUT, -1, List.copyOf(f.lines))));
    }

    private static AtEvent urc(String code, String line, String pdu) {
        return new AtEvent.Unsolicited(new UnsolicitedResult(code, line, pdu));
    }
}
