package org.switchboard.modem.at;

import java.util.Locale;

/**
 * A line recognised as a final result code, with its +CMS/+CME number.
 *
 * <p>Only verbose result codes (ATV1) are recognised: with ATV0 a bare "0" or "4" cannot be told from an
 * information line. BUSY, NO ANSWER, NO DIALTONE and Huawei's "COMMAND NOT SUPPORT" end a command as ERROR, so that
 * a dial or an unknown command does not wait for its timeout; the line itself stays in the response.
 */
record FinalResultLine(FinalResult result, int errorCode) {

    static FinalResultLine parse(String rawLine) {
        String line = AtText.strip(rawLine);
        switch (line) {
            case "OK":
                return new FinalResultLine(FinalResult.OK, -1);
            case "ERROR", "BUSY", "NO ANSWER", "NO DIALTONE", "COMMAND NOT SUPPORT", "TOO MANY PARAMETERS":
                return new FinalResultLine(FinalResult.ERROR, -1);
            case "NO CARRIER":
                return new FinalResultLine(FinalResult.NO_CARRIER, -1);
            default:
                break;
        }
        if (line.length() < 11 || line.charAt(0) != '+') {
            return null;
        }
        String head = line.substring(0, 10).toUpperCase(Locale.ROOT);
        FinalResult kind;
        if (head.equals("+CMS ERROR")) {
            kind = FinalResult.CMS_ERROR;
        } else if (head.equals("+CME ERROR")) {
            kind = FinalResult.CME_ERROR;
        } else {
            return null;
        }
        String rest = AtText.strip(line.substring(10));
        if (!rest.startsWith(":")) {
            return null;
        }
        return new FinalResultLine(kind, AtText.parseIntOr(AtText.strip(rest.substring(1)), -1));
    }

    /** The text after "+CMS ERROR:" / "+CME ERROR:", or the whole line for the other codes. */
    static String errorText(String rawLine) {
        String line = AtText.strip(rawLine);
        int colon = line.indexOf(':');
        if (line.startsWith("+") && colon > 0) {
            return AtText.strip(line.substring(colon + 1));
        }
        return line;
    }
}
