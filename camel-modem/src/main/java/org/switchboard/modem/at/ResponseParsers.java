package org.switchboard.modem.at;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the information lines of the answers the modem stack needs (27.005 SMS, 27.007 network and SIM).
 *
 * <p>Every method is total: a malformed, truncated or foreign line gives an empty result, never an exception.
 * Lines may carry surrounding spaces; blank lines inside a listing are skipped.
 */
public final class ResponseParsers {
    private ResponseParsers() {
    }

    /** The first line whose result code is {@code code} ("+CSQ"), to hand to the single-line parsers. */
    public static Optional<String> lineWith(List<String> lines, String code) {
        for (String line : lines) {
            if (line != null && AtText.codeOf(line).equalsIgnoreCase(code)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** The message reference of "+CMGS: 12" (also "+CMSS: 12", and with the optional SCTS or ack PDU after it). */
    public static OptionalInt messageReference(List<String> lines) {
        for (String line : lines) {
            if (line == null) {
                continue;
            }
            String upper = line.toUpperCase(Locale.ROOT);
            int at = upper.indexOf("+CMGS:");
            if (at < 0) {
                at = upper.indexOf("+CMSS:");
            }
            if (at < 0) {
                continue;
            }
            List<String> fields = AtFields.split(line.substring(at + 6));
            int mr = fields.isEmpty() ? -1 : AtText.parseIntOr(fields.get(0), -1);
            if (mr >= 0) {
                return OptionalInt.of(mr);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The messages of an AT+CMGL answer in PDU mode: "+CMGL: index,stat,[alpha],length" each followed by its PDU
     * line. An entry whose PDU line is missing or not hex is left out; text-mode listings give nothing.
     */
    public static List<StoredSms> cmgl(List<String> lines) {
        List<StoredSms> out = new ArrayList<>();
        List<String> rows = nonBlank(lines);
        for (int i = 0; i < rows.size(); i++) {
            List<String> f = fieldsOf(rows.get(i), "+CMGL");
            if (f == null || f.size() < 3) {
                continue;
            }
            int index = AtText.parseIntOr(f.get(0), -1);
            int stat = AtText.parseIntOr(f.get(1), -1);
            int length = AtText.parseIntOr(f.get(f.size() - 1), -1);
            String alpha = f.size() >= 4 ? emptyToNull(AtFields.unquote(f.get(2))) : null;
            String pdu = i + 1 < rows.size() ? pduOrNull(rows.get(i + 1)) : null;
            if (index >= 0 && stat >= 0 && length >= 0 && pdu != null) {
                out.add(new StoredSms(index, stat, alpha, length, pdu));
                i++;
            }
        }
        return out;
    }

    /** The message of an AT+CMGR=index answer in PDU mode: "+CMGR: stat,[alpha],length" and its PDU line. */
    public static Optional<StoredSms> cmgr(List<String> lines, int index) {
        List<String> rows = nonBlank(lines);
        for (int i = 0; i + 1 < rows.size(); i++) {
            List<String> f = fieldsOf(rows.get(i), "+CMGR");
            if (f == null || f.size() < 2) {
                continue;
            }
            int stat = AtText.parseIntOr(f.get(0), -1);
            int length = AtText.parseIntOr(f.get(f.size() - 1), -1);
            String alpha = f.size() >= 3 ? emptyToNull(AtFields.unquote(f.get(1))) : null;
            String pdu = pduOrNull(rows.get(i + 1));
            if (stat >= 0 && length >= 0 && pdu != null) {
                return Optional.of(new StoredSms(index, stat, alpha, length, pdu));
            }
        }
        return Optional.empty();
    }

    /** "+CSQ: 21,0". */
    public static Optional<SignalQuality> csq(String line) {
        List<String> f = fieldsOf(line, "+CSQ");
        if (f == null || f.size() != 2) {
            return Optional.empty();
        }
        int rssi = AtText.parseIntOr(f.get(0), -1);
        int ber = AtText.parseIntOr(f.get(1), -1);
        return rssi < 0 || ber < 0 ? Optional.empty() : Optional.of(new SignalQuality(rssi, ber));
    }

    /**
     * A +CREG, +CGREG, +CEREG or +C5GREG line in either form: the answer to the read command
     * ("+CREG: n,stat[,lac,ci[,act]]") or the URC ("+CREG: stat[,lac,ci[,act]]"). See {@link #isUrcForm} for how
     * they are told apart; quotes around lac and ci are optional, and a lac or ci that is not hex is left null.
     */
    public static Optional<Registration> registration(String line) {
        String code = line == null ? "" : AtText.codeOf(line).toUpperCase(Locale.ROOT);
        if (!(code.equals("+CREG") || code.equals("+CGREG") || code.equals("+CEREG") || code.equals("+C5GREG"))) {
            return Optional.empty();
        }
        String arguments = AtFields.argumentsOf(line);
        List<String> f = arguments == null ? List.of() : AtFields.split(arguments);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        boolean urc = isUrcForm(f);
        int first = urc ? 0 : 1;
        int mode = urc ? -1 : AtText.parseIntOr(f.get(0), -1);
        int stat = AtText.parseIntOr(f.get(first), -1);
        if (stat < 0 || (!urc && mode < 0)) {
            return Optional.empty();
        }
        String lac = f.size() > first + 1 ? hexOrNull(AtFields.unquote(f.get(first + 1))) : null;
        String ci = f.size() > first + 2 ? hexOrNull(AtFields.unquote(f.get(first + 2))) : null;
        int act = f.size() > first + 3 ? AtText.parseIntOr(AtFields.unquote(f.get(first + 3)), -1) : -1;
        return Optional.of(new Registration(mode, RegistrationStatus.of(stat), lac, ci, act));
    }

    /**
     * Whether registration fields are the URC form. The answer's second field is the bare status (0..11); the URC's
     * second field is a lac, usually quoted. One field is always the URC; three unquoted fields are the URC
     * "stat,lac,ci" unless the third is quoted (a truncated answer "n,stat,"lac").
     */
    static boolean isUrcForm(List<String> fields) {
        if (fields.size() < 2) {
            return true;
        }
        String second = fields.get(1);
        int stat = AtText.parseIntOr(second, -1);
        if (second.startsWith("\"") || stat < 0 || stat > 11) {
            return true;
        }
        return fields.size() == 3 && !fields.get(2).startsWith("\"");
    }

    /** "+CMTI: "SM",3" or "+CDSI: "SR",5". */
    public static Optional<StorageIndex> storageIndex(String line) {
        List<String> f = fieldsOf(line, "+CMTI");
        if (f == null) {
            f = fieldsOf(line, "+CDSI");
        }
        if (f == null || f.size() != 2) {
            return Optional.empty();
        }
        String storage = AtFields.unquote(f.get(0));
        int index = AtText.parseIntOr(f.get(1), -1);
        return storage.isEmpty() || index < 0 ? Optional.empty() : Optional.of(new StorageIndex(storage, index));
    }

    /**
     * The memories of an AT+CPMS answer: "+CPMS: used,total,used,total,..." (set command) or
     * "+CPMS: "SM",used,total,"ME",used,total,..." (read command). Empty when malformed.
     */
    static List<StorageUsage> cpmsUsage(String line) {
        List<String> f = fieldsOf(line, "+CPMS");
        List<StorageUsage> out = new ArrayList<>();
        if (f == null) {
            return out;
        }
        int i = 0;
        while (i < f.size()) {
            String storage = null;
            if (AtText.parseIntOr(f.get(i), -1) < 0) {
                storage = AtFields.unquote(f.get(i));
                i++;
            }
            if (i + 1 >= f.size() || storage != null && storage.isEmpty()) {
                return List.of();
            }
            int used = AtText.parseIntOr(f.get(i), -1);
            int total = AtText.parseIntOr(f.get(i + 1), -1);
            if (used < 0 || total < 0) {
                return List.of();
            }
            out.add(new StorageUsage(storage, used, total));
            i += 2;
        }
        return out;
    }

    /**
     * The memories AT+CPMS=? offers for reading/deleting, writing/sending and receiving:
     * "+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")", one list per parameter (some modems list only two).
     */
    static List<List<String>> cpmsSupported(String line) {
        List<String> f = fieldsOf(line, "+CPMS");
        List<List<String>> out = new ArrayList<>();
        if (f == null) {
            return out;
        }
        for (String group : f) {
            String inner = AtText.strip(group);
            if (inner.startsWith("(")) {
                inner = inner.substring(1);
            }
            if (inner.endsWith(")")) {
                inner = inner.substring(0, inner.length() - 1);
            }
            List<String> names = new ArrayList<>();
            for (String name : AtFields.split(inner)) {
                String unquoted = AtFields.unquote(name);
                if (!unquoted.isEmpty()) {
                    names.add(unquoted);
                }
            }
            out.add(List.copyOf(names));
        }
        return out;
    }

    /** "+CPIN: READY", "+CPIN: SIM PIN", ... */
    public static Optional<PinState> cpin(String line) {
        List<String> f = fieldsOf(line, "+CPIN");
        if (f == null || f.size() != 1) {
            return Optional.empty();
        }
        String code = AtFields.unquote(f.get(0)).toUpperCase(Locale.ROOT);
        PinState state = switch (code) {
            case "" -> null;
            case "READY" -> PinState.READY;
            case "SIM PIN" -> PinState.SIM_PIN;
            case "SIM PUK" -> PinState.SIM_PUK;
            case "SIM PIN2" -> PinState.SIM_PIN2;
            case "SIM PUK2" -> PinState.SIM_PUK2;
            case "PH-SIM PIN" -> PinState.PH_SIM_PIN;
            default -> PinState.OTHER;
        };
        return Optional.ofNullable(state);
    }

    /**
     * The SMSC number of "+CSCA: "+79168999100",145". A number sent as UCS2 hex (AT+CSCS="UCS2") is decoded, and an
     * international type of number (145) without its "+" gets one. Empty when no SMSC is set.
     */
    static Optional<String> csca(String line) {
        List<String> f = fieldsOf(line, "+CSCA");
        if (f == null || f.isEmpty() || f.size() > 2) {
            return Optional.empty();
        }
        String number = decodeUcs2Number(AtFields.unquote(f.get(0)));
        if (number.isEmpty() || !isDialString(number)) {
            return Optional.empty();
        }
        int toa = f.size() == 2 ? AtText.parseIntOr(f.get(1), -1) : -1;
        if (toa == 145 && !number.startsWith("+")) {
            number = "+" + number;
        }
        return Optional.of(number);
    }

    /**
     * The operator of "+COPS: 0,0,\"Telkomsel\",7" (long or short name, or the numeric MCC+MNC, as the modem's format
     * is set); empty when the modem is not registered ("+COPS: 0") or names none.
     */
    public static Optional<String> cops(String line) {
        List<String> f = fieldsOf(line, "+COPS");
        if (f == null || f.size() < 3) {
            return Optional.empty();
        }
        String operator = AtFields.unquote(f.get(2)).strip();
        // A name is printable text; anything else is a modem's garbage, better not shown on a dashboard.
        return operator.isEmpty() || operator.length() > 64 || !operator.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                ? Optional.empty() : Optional.of(operator);
    }

    // ---------------------------------------------------------------- helpers

    /** The fields of a line whose code is {@code code}, or null for any other line. */
    private static List<String> fieldsOf(String line, String code) {
        if (line == null) {
            return null;
        }
        String stripped = AtText.strip(line);
        if (!stripped.regionMatches(true, 0, code, 0, code.length())) {
            return null;
        }
        String rest = AtText.strip(stripped.substring(code.length()));
        if (!rest.startsWith(":")) {
            return null;
        }
        return AtFields.split(rest.substring(1));
    }

    private static List<String> nonBlank(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line != null && !LineFramer.isBlank(line)) {
                out.add(line);
            }
        }
        return out;
    }

    private static String pduOrNull(String line) {
        String pdu = AtText.strip(line);
        return pdu.length() % 2 == 0 && AtText.isHex(pdu) ? pdu.toUpperCase(Locale.ROOT) : null;
    }

    private static String hexOrNull(String s) {
        return AtText.isHex(s) ? s.toUpperCase(Locale.ROOT) : null;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static boolean isDialString(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '+' || c == '*' || c == '#')) {
                return false;
            }
        }
        return true;
    }

    /** "002B0037..." is "+7...": a number is UCS2 hex when every 4-digit group decodes to a dial character. */
    private static String decodeUcs2Number(String s) {
        if (s.length() < 4 || s.length() % 4 != 0 || !AtText.isHex(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() / 4);
        for (int i = 0; i < s.length(); i += 4) {
            char c = (char) Integer.parseInt(s.substring(i, i + 4), 16);
            out.append(c);
        }
        String decoded = out.toString();
        return isDialString(decoded) ? decoded : s;
    }
}
