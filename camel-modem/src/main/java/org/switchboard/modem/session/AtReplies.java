package org.switchboard.modem.session;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the few answers the session needs out of response lines. */
final class AtReplies {
    private static final Pattern CMGS = Pattern.compile("^\\+CMGS:\\s*(\\d+)");
    private static final Pattern CMGL = Pattern.compile("^\\+CMGL:\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,.*");
    private static final Pattern CMGR = Pattern.compile("^\\+CMGR:\\s*(\\d+)\\s*,.*");
    private static final Pattern CSQ = Pattern.compile("^\\+CSQ:\\s*(\\d+)\\s*,\\s*\\d+");
    private static final Pattern CREG = Pattern.compile("^\\+CREG:\\s*(\\d+)(?:\\s*,\\s*(\\d+))?.*");
    private static final Pattern INDEX = Pattern.compile("^\\+C(?:MTI|DSI):\\s*\"?([A-Za-z_]*)\"?\\s*,\\s*(\\d+)");
    private static final Pattern RSSI = Pattern.compile("^\\^RSSI:\\s*(\\d+)");
    private static final Pattern CPIN = Pattern.compile("^\\+CPIN:\\s*(.+?)\\s*$");

    /** A storage and an index, as +CMTI and +CDSI give them. */
    record StorageIndex(String storage, int index) {
    }

    private AtReplies() {
    }

    static Integer messageReference(List<String> lines) {
        for (String l : lines) {
            Matcher m = CMGS.matcher(l.trim());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return null;
    }

    static List<StoredPdu> listing(List<String> lines) {
        List<StoredPdu> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = CMGL.matcher(lines.get(i).trim());
            if (m.matches() && i + 1 < lines.size() && !lines.get(i + 1).startsWith("+CMGL")) {
                out.add(new StoredPdu(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), lines.get(++i).trim()));
            }
        }
        return out;
    }

    static StoredPdu readOne(int index, List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            Matcher m = CMGR.matcher(lines.get(i).trim());
            if (m.matches()) {
                return new StoredPdu(index, Integer.parseInt(m.group(1)), lines.get(i + 1).trim());
            }
        }
        return null;
    }

    static Integer signal(List<String> lines) {
        for (String l : lines) {
            Matcher m = CSQ.matcher(l.trim());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return null;
    }

    /** The registration state of a +CREG answer (n,stat) or URC (stat). */
    static String registration(List<String> lines) {
        for (String l : lines) {
            Matcher m = CREG.matcher(l.trim());
            if (m.matches()) {
                int stat = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(1));
                return switch (stat) {
                    case 0 -> "not registered";
                    case 1 -> "home";
                    case 2 -> "searching";
                    case 3 -> "denied";
                    case 5 -> "roaming";
                    default -> "unknown";
                };
            }
        }
        return null;
    }

    static StorageIndex storageIndex(String line) {
        Matcher m = INDEX.matcher(line.trim());
        return m.find() ? new StorageIndex(m.group(1), Integer.parseInt(m.group(2))) : null;
    }

    static Integer huaweiRssi(String line) {
        Matcher m = RSSI.matcher(line.trim());
        return m.find() ? Integer.parseInt(m.group(1)) : null;
    }

    static String pinState(List<String> lines) {
        for (String l : lines) {
            Matcher m = CPIN.matcher(l.trim());
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }
}
