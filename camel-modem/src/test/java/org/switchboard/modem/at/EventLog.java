package org.switchboard.modem.at;

/** Renders completed commands and URCs as one line each, the form the transcripts' EXPECT lines use. */
final class EventLog {
    private EventLog() {
    }

    /** "DONE OK -1 'AT+CSQ' ['+CSQ: 21,0']", "URC +CMTI '+CMTI: "SM",1'", "URC +CDS '+CDS: 25' pdu='07..'"; null for Send. */
    static String render(AtEvent event) {
        if (event instanceof AtEvent.Completed done) {
            AtResponse r = done.response();
            return "DONE " + r.result() + " " + r.errorCode() + " " + Escapes.repr(r.command().line()) + " "
                    + Escapes.repr(r.lines());
        }
        if (event instanceof AtEvent.Unsolicited u) {
            UnsolicitedResult urc = u.urc();
            return "URC " + urc.code() + " " + Escapes.repr(urc.line())
                    + (urc.pdu() == null ? "" : " pdu=" + Escapes.repr(urc.pdu()));
        }
        return null;
    }
}
