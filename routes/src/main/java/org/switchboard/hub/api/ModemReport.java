package org.switchboard.hub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.switchboard.channel.Channels;
import org.switchboard.channel.LineState;
import org.switchboard.channel.SmsChannel;
import org.switchboard.store.MessageTally;

/**
 * Each modem as /api/modems shows it: a line of a {@code modem} channel, with what the line tells of itself (signal,
 * registration, operator, state, last error) and the database's counts of what it sent and failed (all time, so they
 * agree with /api/messages and survive a restart).
 */
public final class ModemReport {
    /** The line attributes shown before the counts; the rest follow them. */
    private static final List<String> BEFORE_COUNTS = List.of("signal", "signalPercent", "signalDbm", "registration",
            "operator");

    private final Channels channels;
    private final Supplier<MessageTally.Counts> tally;

    /** @param tally the database's counts of messages, by modem among others (kept a few seconds: they cost a query) */
    public ModemReport(Channels channels, Supplier<MessageTally.Counts> tally) {
        this.channels = channels;
        this.tally = tally;
    }

    public List<Map<String, Object>> all() {
        MessageTally.Counts counts = tally.get();
        List<Map<String, Object>> out = new ArrayList<>();
        for (SmsChannel c : modemChannels()) {
            for (String line : c.lines()) {
                out.add(report(c, line, counts));
            }
        }
        return out;
    }

    public Optional<Map<String, Object>> one(String name) {
        for (SmsChannel c : modemChannels()) {
            if (c.lines().contains(name)) {
                return Optional.of(report(c, name, tally.get()));
            }
        }
        return Optional.empty();
    }

    private List<SmsChannel> modemChannels() {
        return channels.all().stream().filter(c -> c.kind().equals("modem")).toList();
    }

    private static Map<String, Object> report(SmsChannel channel, String line, MessageTally.Counts counts) {
        LineState state = channel.line(line);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", line);
        for (String key : BEFORE_COUNTS) {
            m.put(key, state.attributes().get(key));
        }
        // The queue is shared: each line takes the next due SMS its channel may carry when it is free, so every modem
        // has the same queue before it; "sending" is what this one has in hand.
        m.put("queueDepth", counts.messages("sms", "out", "PENDING"));
        m.put("sending", counts.byModem(line, "SENDING"));
        m.put("sent", counts.byModem(line, "SENT"));
        m.put("failed", counts.byModem(line, "FAILED"));
        state.attributes().forEach(m::putIfAbsent);
        m.put("channel", channel.id());
        return m;
    }
}
