package org.switchboard.channel.modem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Message;
import org.switchboard.channel.LineState;
import org.switchboard.channel.Submitted;
import org.switchboard.modem.ModemConstants;
import org.switchboard.modem.session.ModemSession;
import org.switchboard.modem.session.ModemStatus;

/** A modem's session as a line of the channel seam: its state, what people see of it, and its part references. */
final class ModemLines {
    private ModemLines() {
    }

    /** A part's reference: the modem and its TP-MR, since references are per modem and wrap every 256 SMS. */
    static String reference(String modem, int messageReference) {
        return modem + ":" + messageReference;
    }

    static LineState state(String line, ModemSession session) {
        ModemStatus s = session == null ? null : session.status();
        Map<String, Object> a = new LinkedHashMap<>();
        Integer rssi = s == null || s.signalDbm() == null ? null : s.rssi();
        a.put("signal", rssi);
        a.put("signalPercent", rssi == null ? null : Math.round(rssi * 100f / 31));
        a.put("signalDbm", s == null ? null : s.signalDbm());
        a.put("registration", s == null ? "unknown" : s.registration());
        a.put("operator", s == null ? null : s.operator());
        a.put("lastError", s == null ? null : s.lastError());
        a.put("lastErrorAt", s == null || s.lastErrorAt() == null ? null : s.lastErrorAt().toString());
        a.put("state", s == null ? "NOT_STARTED" : s.state().name());
        a.put("readySince", s == null || s.readySince() == null ? null : s.readySince().toString());
        a.put("identity", s == null || s.identity().isEmpty() ? null : s.identity());
        if (session == null) {
            return new LineState(line, LineState.State.STARTING, "not started", a);
        }
        if (s.state() == ModemStatus.State.CONNECTING) {
            return new LineState(line, LineState.State.STARTING, "connecting", a);
        }
        if (session.isReady() && !s.offNetwork()) {
            return new LineState(line, LineState.State.READY, null, a);
        }
        return new LineState(line, LineState.State.DOWN, s.state() + ", registration " + s.registration()
                + (s.lastError() != null ? ", " + s.lastError() : ""), a);
    }

    @SuppressWarnings("unchecked")
    static Submitted submitted(String line, Message answer) {
        List<Integer> refs = answer.getHeader(ModemConstants.MESSAGE_REFERENCES, List.class);
        String modem = answer.getHeader(ModemConstants.MODEM, line, String.class);
        return new Submitted(modem, refs.stream().map(r -> reference(modem, r)).toList());
    }
}
