package org.switchboard.modem.sim;

import java.util.Map;

/** A command's failure as the modem reports it: ERROR, +CME ERROR or +CMS ERROR, shaped by AT+CMEE. */
final class AtFailure extends Exception {
    enum Kind { ERROR, CME, CMS }

    private static final Map<Integer, String> CME_TEXT = Map.of(3, "operation not allowed", 4,
            "operation not supported", 10, "SIM not inserted", 11, "SIM PIN required", 16, "incorrect password", 21,
            "invalid index", 30, "no network service", 100, "unknown");
    private static final Map<Integer, String> CMS_TEXT = Map.ofEntries(Map.entry(21, "Short message transfer rejected"),
            Map.entry(38, "Network out of order"), Map.entry(302, "operation not allowed"),
            Map.entry(303, "operation not supported"), Map.entry(304, "invalid PDU mode parameter"),
            Map.entry(311, "SIM PIN required"), Map.entry(321, "invalid memory index"),
            Map.entry(322, "memory full"), Map.entry(331, "no network service"), Map.entry(500, "unknown error"));

    private final Kind kind;
    private final int code;

    private AtFailure(Kind kind, int code) {
        super(kind + " " + code, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    static AtFailure error() {
        return new AtFailure(Kind.ERROR, 0);
    }

    static AtFailure cme(int code) {
        return new AtFailure(Kind.CME, code);
    }

    static AtFailure cms(int code) {
        return new AtFailure(Kind.CMS, code);
    }

    Kind kind() {
        return kind;
    }

    int code() {
        return code;
    }

    /** The result line for AT+CMEE={@code cmee}: 0 plain ERROR, 1 numeric, 2 verbose where the text is known. */
    String resultLine(int cmee) {
        if (kind == Kind.ERROR || cmee == 0) {
            return "ERROR";
        }
        String prefix = kind == Kind.CME ? "+CME ERROR: " : "+CMS ERROR: ";
        String text = cmee == 2 ? (kind == Kind.CME ? CME_TEXT : CMS_TEXT).get(code) : null;
        return prefix + (text != null ? text : Integer.toString(code));
    }
}
