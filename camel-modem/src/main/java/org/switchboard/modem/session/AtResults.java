package org.switchboard.modem.session;

import org.switchboard.modem.ModemException;
import org.switchboard.modem.ModemException.Kind;
import org.switchboard.modem.at.AtResponse;

/** A modem's final result as the session judges it: OK passes, an error becomes a {@link ModemException}. */
final class AtResults {
    private AtResults() {
    }

    /** Throws unless {@code r} ended OK; {@code what} and the modem's name say what was being done where. */
    static void check(String modem, AtResponse r, String what) throws ModemException {
        switch (r.result()) {
            case OK -> {
            }
            case CMS_ERROR -> throw r.errorCode() >= 0 ? ModemException.ofCode(Kind.CMS, r.errorCode(), what + " on " + modem)
                    : new ModemException(Kind.CMS, -1, String.join(" ", r.lines()), true, false,
                            what + " on " + modem + ": +CMS ERROR " + String.join(" ", r.lines()));
            case CME_ERROR -> throw r.errorCode() >= 0 ? ModemException.ofCode(Kind.CME, r.errorCode(), what + " on " + modem)
                    : new ModemException(Kind.CME, -1, String.join(" ", r.lines()), true, false,
                            what + " on " + modem + ": +CME ERROR " + String.join(" ", r.lines()));
            default -> throw new ModemException(Kind.ERROR, -1, "modem answered " + r.result(), true, false,
                    what + " on " + modem + ": modem answered " + r.result() + " to " + r.command().line());
        }
    }
}
