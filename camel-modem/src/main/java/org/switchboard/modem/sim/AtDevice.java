package org.switchboard.modem.sim;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The device side of a modem's serial line: frames the bytes a host sends into command lines and PDUs, echoes them,
 * runs the commands and writes the results; holds unsolicited results back while a command runs (as CNMI mode 2
 * does) and sends them after its final result. No sockets here: bytes in through {@link #input}, bytes out through a
 * {@link HostLink}, so tests drive it directly.
 */
final class AtDevice {
    /** Where the device's output goes: the connected host. */
    interface HostLink {
        void write(String text);

        /** Drops the connection (the cable is pulled). */
        void hangUp();
    }

    static final int MAX_LINE = 1024;
    static final int MAX_PDU_HEX = 2 * 200;
    private static final char CTRL_Z = 0x1A;
    private static final char ESC = 0x1B;

    /** A pending AT+CMGS / AT+CMGW waiting for its PDU after the "> " prompt. */
    record Prompt(String command, int length) {
    }

    private final SimModem modem;
    private final ModemSettings settings;
    private final AtCommands commands;
    private final Queue<String> heldUrcs = new ConcurrentLinkedQueue<>();
    private volatile HostLink link;
    private volatile boolean busy;

    // Framing state, touched only by the thread that calls input().
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder pdu = new StringBuilder();
    private final StringBuilder echo = new StringBuilder();
    private boolean overflow;
    private boolean lastWasCr;
    private Prompt prompt;
    private int seenBoots;

    AtDevice(SimModem modem, ModemSettings settings) {
        this.modem = modem;
        this.settings = settings;
        this.commands = new AtCommands(modem, settings);
    }

    /** A host opened the port: a half-typed line or an open prompt of an earlier host is forgotten. */
    void attach(HostLink host) {
        resetFraming();
        heldUrcs.clear();
        link = host;
    }

    private void resetFraming() {
        seenBoots = modem.boots();
        line.setLength(0);
        pdu.setLength(0);
        echo.setLength(0);
        overflow = false;
        lastWasCr = false;
        prompt = null;
        busy = false;
    }

    void detach(HostLink host) {
        if (link == host) {
            link = null;
            busy = false;
            heldUrcs.clear();
        }
    }

    boolean connected() {
        return link != null;
    }

    /** Bytes from the host. A hung or rebooting modem swallows them. */
    void input(byte[] data, int offset, int length) {
        if (seenBoots != modem.boots()) {
            // The modem rebooted since the last bytes: a half-typed line or an open prompt died with it.
            resetFraming();
        }
        for (int i = offset; i < offset + length; i++) {
            if (modem.unresponsive()) {
                echo.setLength(0);
                line.setLength(0);
                continue;
            }
            char c = (char) (data[i] & 0xFF);
            if (settings.echo) {
                echo.append(c);
            }
            if (prompt != null) {
                promptByte(c);
            } else {
                commandByte(c);
            }
        }
        flushEcho();
    }

    private void commandByte(char c) {
        if (c == '\n' && lastWasCr) {
            lastWasCr = false;
            return;
        }
        if (c == '\r' || c == '\n') {
            lastWasCr = c == '\r';
            String text = line.toString();
            boolean tooLong = overflow;
            line.setLength(0);
            overflow = false;
            flushEcho();
            executeLine(text, tooLong);
            return;
        }
        lastWasCr = false;
        if (line.length() >= MAX_LINE) {
            overflow = true;
        } else {
            line.append(c);
        }
    }

    private void promptByte(char c) {
        if (c == CTRL_Z) {
            flushEcho();
            Prompt p = prompt;
            String hex = overflow ? null : pdu.toString();
            prompt = null;
            pdu.setLength(0);
            overflow = false;
            finishPrompt(p, hex);
        } else if (c == ESC) {
            flushEcho();
            prompt = null;
            pdu.setLength(0);
            overflow = false;
            write(finalResult("OK"));
            endCommand();
        } else if (c > ' ') {
            if (pdu.length() >= MAX_PDU_HEX) {
                overflow = true;
            } else {
                pdu.append(c);
            }
        }
    }

    private void executeLine(String text, boolean tooLong) {
        if (!tooLong && text.isBlank()) {
            return;
        }
        busy = true;
        StringBuilder out = new StringBuilder();
        Optional<List<String>> parsed = tooLong ? Optional.empty() : AtCommandLine.split(text);
        try {
            if (parsed.isEmpty()) {
                throw AtFailure.error();
            }
            for (String command : parsed.get()) {
                Prompt p = commands.execute(command, out);
                if (p != null) {
                    prompt = p;
                    write(out + "\r\n> ");
                    return;
                }
            }
            write(out + finalResult("OK"));
        } catch (AtFailure f) {
            write(out + finalResult(f.resultLine(settings.cmee)));
        }
        endCommand();
        commands.afterResult();
    }

    private void finishPrompt(Prompt p, String hex) {
        if (p.command().equals("+CMGS") && modem.takeDropMidSend()) {
            // The link dies after the PDU went out and before the answer: the host cannot know whether it was sent.
            HostLink host = link;
            if (host != null) {
                host.hangUp();
            }
            endCommand();
            return;
        }
        StringBuilder out = new StringBuilder();
        try {
            commands.completePrompt(p, hex, out);
            write(out + finalResult("OK"));
        } catch (AtFailure f) {
            write(finalResult(f.resultLine(settings.cmee)));
        }
        endCommand();
    }

    /** An information block: "\r\nline\r\nline\r\n" in verbose mode. */
    static void info(StringBuilder out, boolean verbose, String... lines) {
        if (verbose) {
            out.append("\r\n");
        }
        for (String l : lines) {
            out.append(l).append("\r\n");
        }
    }

    private String finalResult(String result) {
        if (settings.verbose) {
            return "\r\n" + result + "\r\n";
        }
        return switch (result) {
            case "OK" -> "0\r";
            case "ERROR" -> "4\r";
            default -> result + "\r\n";
        };
    }

    private void endCommand() {
        busy = false;
        flushUrcs();
    }

    /** An unsolicited result code (already framed with CR LF); held back while a command runs. */
    void unsolicited(String urc) {
        if (link == null) {
            return;
        }
        heldUrcs.add(urc);
        flushUrcs();
    }

    /** Writes held URCs unless a command runs or the modem does not answer. */
    void flushUrcs() {
        if (busy || modem.unresponsive()) {
            return;
        }
        String urc;
        while (!busy && (urc = heldUrcs.poll()) != null) {
            write(urc);
        }
    }

    /** Line noise that does not wait for a command to finish (^RSSI and the like). */
    void noise(String urc) {
        if (!modem.unresponsive()) {
            write(urc);
        }
    }

    private void flushEcho() {
        if (echo.length() > 0) {
            write(echo.toString());
            echo.setLength(0);
        }
    }

    private void write(String text) {
        HostLink host = link;
        if (host == null || text.isEmpty()) {
            return;
        }
        if (!modem.noisy()) {
            host.write(text);
            return;
        }
        // Line by line, so that noise can land between the lines of a response as on a real line.
        int start = 0;
        int end;
        while ((end = text.indexOf("\r\n", start)) >= 0) {
            host.write(text.substring(start, end + 2));
            start = end + 2;
        }
        if (start < text.length()) {
            host.write(text.substring(start));
        }
    }
}
