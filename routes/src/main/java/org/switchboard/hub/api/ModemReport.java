package org.switchboard.hub.api;

import org.switchboard.hub.monitor.RecentTally;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.switchboard.modem.ModemComponent;
import org.switchboard.modem.session.ModemSession;
import org.switchboard.modem.session.ModemStatus;
import org.switchboard.store.MessageTally;

/**
 * Each modem as /api/modems shows it: the live session's signal, registration, operator, state and last error, and
 * the database's counts of what it sent and failed (all time, so they agree with /api/messages and survive a
 * restart).
 */
public final class ModemReport {
    private final List<String> modems;
    private final RecentTally tally;

    public ModemReport(List<String> modems, RecentTally tally) {
        this.modems = List.copyOf(modems);
        this.tally = tally;
    }

    public List<Map<String, Object>> all(CamelContext camel) {
        MessageTally.Counts counts = tally.counts();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : modems) {
            out.add(report(camel, name, counts));
        }
        return out;
    }

    public Optional<Map<String, Object>> one(CamelContext camel, String name) {
        return modems.contains(name) ? Optional.of(report(camel, name, tally.counts())) : Optional.empty();
    }

    private static Map<String, Object> report(CamelContext camel, String name, MessageTally.Counts counts) {
        ModemSession session = camel.getComponent("modem", ModemComponent.class).session(name);
        ModemStatus s = session == null ? null : session.status();
        Integer rssi = s == null || s.signalDbm() == null ? null : s.rssi();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("signal", rssi);
        m.put("signalPercent", rssi == null ? null : Math.round(rssi * 100f / 31));
        m.put("signalDbm", s == null ? null : s.signalDbm());
        m.put("registration", s == null ? "unknown" : s.registration());
        m.put("operator", s == null ? null : s.operator());
        // The queue is shared: each modem takes the next due SMS when it is free, so every modem has the same queue
        // before it; "sending" is what this one has in hand.
        m.put("queueDepth", counts.messages("sms", "out", "PENDING"));
        m.put("sending", counts.byModem(name, "SENDING"));
        m.put("sent", counts.byModem(name, "SENT"));
        m.put("failed", counts.byModem(name, "FAILED"));
        m.put("lastError", s == null ? null : s.lastError());
        m.put("lastErrorAt", s == null || s.lastErrorAt() == null ? null : s.lastErrorAt().toString());
        m.put("state", s == null ? "NOT_STARTED" : s.state().name());
        m.put("readySince", s == null || s.readySince() == null ? null : s.readySince().toString());
        m.put("identity", s == null || s.identity().isEmpty() ? null : s.identity());
        return m;
    }
}
