package org.switchboard.modem.at;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the shared fixture collections (gammu's .dump files and C strings, smslib's Java strings) into transcripts. */
final class FixtureFiles {
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*+)\"|\\b(pdu[12])\\b");
    private static final Pattern DEFINITION = Pattern.compile("const char \\*(pdu[12]) = (\".*\");");

    record Dump(String name, Transcript transcript) {
    }

    private FixtureFiles() {
    }

    /**
     * Each "### tests/....dump" section: its first line is the command gammu sent, the rest the modem's reply (LF in
     * the file, CR LF on the wire). The command is echoed, as the modems these came from did.
     */
    static List<Dump> gammuDumps(Path file) throws IOException {
        List<Dump> out = new ArrayList<>();
        String name = null;
        List<String> body = new ArrayList<>();
        for (String line : lines(file)) {
            if (line.startsWith("##")) {
                if (name != null) {
                    addDump(out, name, body);
                }
                name = line.startsWith("### tests/") && line.contains(".dump") ? line.substring(4).strip() : null;
                body.clear();
            } else if (name != null) {
                body.add(line);
            }
        }
        if (name != null) {
            addDump(out, name, body);
        }
        return out;
    }

    private static void addDump(List<Dump> out, String name, List<String> body) {
        while (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
            body.remove(body.size() - 1);
        }
        if (body.isEmpty()) {
            return;
        }
        List<Transcript.Step> steps = new ArrayList<>();
        // The first line stays as the echo; some dumps hold the wire's own CRs ("AT+CGMM\r\r"), which do no harm.
        String command = body.get(0).replace("\r", "");
        if (command.startsWith("AT")) {
            steps.add(new Transcript.Host(latin1(command + "\r")));
        }
        steps.add(new Transcript.Modem(latin1(String.join("\r\n", body) + "\r\n")));
        out.add(new Dump(name, new Transcript(name, steps)));
    }

    /**
     * The "## tests/atgen/*.c" sections: each unsolicited event string fed with nothing in flight, and the scripted
     * replies in order, one "AT" command per reply up to its final result.
     */
    static List<Dump> gammuAtgen(Path file) throws IOException {
        List<Dump> out = new ArrayList<>();
        String section = null;
        Map<String, String> constants = new HashMap<>();
        List<String> replies = new ArrayList<>();
        int events = 0;
        for (String line : lines(file)) {
            if (line.startsWith("## tests/atgen/")) {
                addReplies(out, section, replies);
                section = line.substring(3).strip();
                replies.clear();
                events = 0;
                continue;
            }
            if (section == null) {
                continue;
            }
            Matcher def = DEFINITION.matcher(line.strip());
            if (def.matches()) {
                constants.put(def.group(1), unescapeC(def.group(2)));
                continue;
            }
            List<String> literals = literals(line, constants);
            boolean event = line.contains("*event") || line.contains("*direct_event") || line.contains("*notification");
            if (event) {
                for (String literal : literals) {
                    String name = section + " event " + (++events);
                    out.add(new Dump(name, new Transcript(name, List.of(new Transcript.Modem(latin1(literal))))));
                }
            } else {
                replies.addAll(literals);
            }
        }
        addReplies(out, section, replies);
        return out;
    }

    private static void addReplies(List<Dump> out, String section, List<String> replies) {
        if (section == null || replies.isEmpty()) {
            return;
        }
        List<Transcript.Step> steps = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String reply : replies) {
            if (pending.length() == 0) {
                steps.add(new Transcript.Host(latin1("AT\r")));
            }
            pending.append(reply);
            steps.add(new Transcript.Modem(latin1(reply)));
            List<String> done = ResponseOracle.exchange("AT", null, pending.toString());
            if (!done.get(0).startsWith("DONE TIMEOUT")) {
                pending.setLength(0);
            }
        }
        String name = section + " replies";
        out.add(new Dump(name, new Transcript(name, steps)));
    }

    /** Every Java string literal in smslib's test lines, each as the whole reply to one command. */
    static List<Dump> smslib(Path file) throws IOException {
        List<Dump> out = new ArrayList<>();
        for (String line : lines(file)) {
            if (line.startsWith("#") || !line.contains(".java:")) {
                continue;
            }
            String where = line.substring(0, line.indexOf(':', line.indexOf(".java:") + 6));
            int n = 0;
            for (String literal : literals(line.substring(where.length()), Map.of())) {
                String command = "AT";
                for (String l : ResponseOracle.terminatedLines(literal)) {
                    if (l.strip().startsWith("AT")) {
                        command = l.strip();
                        break;
                    }
                }
                String name = where + " #" + (++n);
                out.add(new Dump(name, new Transcript(name, List.of(new Transcript.Host(latin1(command + "\r")),
                        new Transcript.Modem(latin1(literal))))));
            }
        }
        return out;
    }

    private static List<String> literals(String line, Map<String, String> constants) {
        List<String> out = new ArrayList<>();
        Matcher m = LITERAL.matcher(line);
        while (m.find()) {
            if (m.group(2) != null) {
                String value = constants.get(m.group(2));
                if (value != null) {
                    out.add(value);
                }
            } else {
                out.add(unescapeC("\"" + m.group(1) + "\""));
            }
        }
        return out;
    }

    private static String unescapeC(String quoted) {
        return Escapes.latin1(Escapes.unescape(quoted));
    }

    private static List<String> lines(Path file) throws IOException {
        return List.of(Files.readString(file, StandardCharsets.ISO_8859_1).split("\n", -1));
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
