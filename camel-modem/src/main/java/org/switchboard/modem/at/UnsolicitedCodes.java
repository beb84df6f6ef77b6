package org.switchboard.modem.at;

import java.util.Locale;
import java.util.Set;

/** Which lines are unsolicited result codes, and which of them a command in flight asked for itself. */
final class UnsolicitedCodes {
    /** 27.005/27.007 codes and the vendor ones seen on Huawei, SIMCom, Quectel and Wavecom modems. */
    static final Set<String> KNOWN = Set.of(
            "+CMTI", "+CMT", "+CDS", "+CDSI", "+CBM", "+CBMI",
            "+CREG", "+CGREG", "+CEREG", "+C5GREG", "+CUSD", "+CRING", "RING", "+CLIP", "+CCWA", "+CSSI", "+CSSU",
            "+CIEV", "+CGEV", "+CPIN", "+CFUN", "NO CARRIER",
            "^RSSI", "^HCSQ", "^BOOT", "^MODE", "^SRVST", "^SIMST", "^CEND", "^ORIG", "^CONF", "^CONN",
            "^DSFLOWRPT", "^STIN", "^NDISSTAT", "^SYSSTART",
            "+QIND", "+QUSIM", "RDY", "Call Ready", "SMS Ready", "+WIND");

    /** In PDU mode these are followed by one line holding the PDU. */
    static final Set<String> FOLLOWED_BY_PDU = Set.of("+CMT", "+CDS", "+CBM");

    private static final Set<String> REGISTRATION = Set.of("+CREG", "+CGREG", "+CEREG", "+C5GREG");

    private UnsolicitedCodes() {
    }

    static boolean isKnown(String code) {
        return KNOWN.contains(code);
    }

    /**
     * Whether a line that arrived with nothing in flight has the shape of a result code ("+XXX: ...", "^XXX"),
     * so that codes this class does not list still reach the listener.
     */
    static boolean looksLikeResultCode(String code) {
        if (code.length() < 2 || code.length() > 16 || "+^*#$%".indexOf(code.charAt(0)) < 0) {
            return false;
        }
        for (int i = 1; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code code} on this line is unsolicited even though {@code commandLine} is in flight.
     *
     * <p>Several codes are both a URC and the answer to a read or test command (+CREG, +CPIN, +CUSD, +CLIP): while
     * "AT+CREG?" runs, "+CREG: 0,1" is its answer. A registration URC that slips into that answer is still told
     * apart by its shape: one field ("+CREG: 1") or a quoted second field ("+CREG: 1,"5E25","605F"") can only be
     * the URC, as the answer's second field is the bare status number.
     */
    static boolean isUnsolicitedDuring(String code, String line, String commandLine) {
        if (!isKnown(code)) {
            return false;
        }
        String command = commandLine.toUpperCase(Locale.ROOT);
        String name = code.toUpperCase(Locale.ROOT);
        boolean readForm = command.contains(name + "?");
        boolean testForm = command.contains(name + "=?");
        if (!readForm && !testForm) {
            return true;
        }
        if (readForm && !testForm && REGISTRATION.contains(code)) {
            return looksLikeRegistrationUrc(line);
        }
        return false;
    }

    static boolean looksLikeRegistrationUrc(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return false;
        }
        return ResponseParsers.isUrcForm(AtFields.split(line.substring(colon + 1)));
    }
}
