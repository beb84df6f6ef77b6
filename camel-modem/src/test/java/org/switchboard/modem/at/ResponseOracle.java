package org.switchboard.modem.at;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a replay of a transcript without EXPECT lines must produce, worked out from the whole text of each exchange
 * at once (no byte-by-byte state machine): the echo is the first line, the first final result line ends the answer,
 * and after it only a few well-known URCs are reported. Good enough for the shared transcripts, which have no URC in
 * the middle of an answer; the project's own transcripts state their expectations instead.
 */
final class ResponseOracle {
    private static final Pattern FINAL = Pattern.compile("(OK|ERROR|NO CARRIER|\\+CM([ES]) ERROR:\\s*(.*))");
    private static final Set<String> URCS = Set.of("+CMTI", "+CDSI", "+CMT", "+CDS", "+CUSD", "+CREG", "RING", "^RSSI");

    private ResponseOracle() {
    }

    static List<String> expectedEvents(Transcript transcript) {
        List<String> out = new ArrayList<>();
        List<Transcript.Step> steps = transcript.steps();
        String command = null;
        String payload = null;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Transcript.Step step = steps.get(i);
            if (step instanceof Transcript.Host host && host.isCommand()) {
                out.addAll(exchange(command, payload, text.toString()));
                String line = Escapes.latin1(host.bytes());
                command = line.substring(0, line.length() - 1);
                payload = Replayer.payloadAfter(steps, i);
                text.setLength(0);
            } else if (step instanceof Transcript.Modem modem) {
                text.append(Escapes.latin1(modem.bytes()));
            }
        }
        out.addAll(exchange(command, payload, text.toString()));
        return out;
    }

    /** Events for one command (or, with a null command, for text arriving while idle). */
    static List<String> exchange(String command, String payload, String text) {
        List<String> lines = terminatedLines(text);
        List<String> out = new ArrayList<>();
        int i = 0;
        if (command != null) {
            if (!lines.isEmpty() && lines.get(0).strip().equals(command.strip())) {
                i = 1;
            }
            List<String> info = new ArrayList<>();
            String done = null;
            for (; i < lines.size(); i++) {
                String line = lines.get(i);
                if (payload != null && line.replace("\u001a", "").strip().equals(payload)) {
                    continue;
                }
                Matcher m = FINAL.matcher(line.strip());
                if (m.matches()) {
                    String result = m.group(2) == null ? m.group(1).replace(' ', '_')
                            : m.group(2).equals("S") ? "CMS_ERROR" : "CME_ERROR";
                    int code = m.group(3) != null && m.group(3).matches("\\d{1,9}") ? Integer.parseInt(m.group(3)) : -1;
                    if (!result.equals("OK")) {
                        info.add(line);
                    }
                    done = "DONE " + result + " " + code + " " + Escapes.repr(command) + " " + Escapes.repr(info);
                    i++;
                    break;
                }
                info.add(line);
            }
            out.add(done != null ? done : "DONE TIMEOUT -1 " + Escapes.repr(command) + " " + Escapes.repr(info));
        }
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            String code = line.contains(":") ? line.substring(0, line.indexOf(':')).strip() : line.strip();
            if (!URCS.contains(code)) {
                continue;
            }
            String pdu = null;
            if ((code.equals("+CMT") || code.equals("+CDS")) && i + 1 < lines.size()
                    && lines.get(i + 1).strip().matches("([0-9A-Fa-f]{2})+")) {
                pdu = lines.get(++i).strip();
            }
            out.add("URC " + code + " " + Escapes.repr(line) + (pdu == null ? "" : " pdu=" + Escapes.repr(pdu)));
        }
        return out;
    }

    /** Lines ended by CR or LF, without blank ones and without the prompt "> " that starts a payload echo. */
    static List<String> terminatedLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                String l = line.toString();
                if (l.startsWith(">")) {
                    l = l.startsWith("> ") ? l.substring(2) : l.substring(1);
                }
                if (!l.replace(" ", "").replace("\t", "").isEmpty()) {
                    lines.add(l);
                }
                line.setLength(0);
            } else if (c != 0) {
                line.append(c);
            }
        }
        return lines;
    }
}
