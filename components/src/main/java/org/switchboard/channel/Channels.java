package org.switchboard.channel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's channels and the rules that route messages among them. Routing happens at claim time, as lines become
 * free: each line's dispatcher claims only what its channel may carry ({@link #claimFilter}), so the healthy,
 * least-loaded channel is simply the one whose lines come asking, a channel that is down claims nothing and leaves
 * its share to the others, and a queued message never belongs to a channel that could vanish with it.
 */
public final class Channels implements PartCounter {
    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

    private final Map<String, SmsChannel> channels = new LinkedHashMap<>();
    private final Map<String, ChannelRules> rules = new LinkedHashMap<>();
    private final Map<String, SmsChannel> byLine = new LinkedHashMap<>();

    /** @param rules each channel's rules by its id; a channel without an entry carries anything */
    public Channels(List<SmsChannel> channels, Map<String, ChannelRules> rules) {
        for (SmsChannel c : channels) {
            if (this.channels.putIfAbsent(c.id(), c) != null) {
                throw new IllegalArgumentException("two channels with the id " + c.id());
            }
            this.rules.put(c.id(), rules.getOrDefault(c.id(), ChannelRules.ANY));
            for (String line : c.lines()) {
                if (byLine.putIfAbsent(line, c) != null) {
                    throw new IllegalArgumentException("line " + line + " belongs to two channels");
                }
            }
        }
        for (String id : rules.keySet()) {
            if (!this.channels.containsKey(id)) {
                throw new IllegalArgumentException("routing rules for " + id + ", which is no channel");
            }
        }
    }

    public List<SmsChannel> all() {
        return List.copyOf(channels.values());
    }

    /** The channel a line belongs to. */
    Optional<SmsChannel> ofLine(String line) {
        return Optional.ofNullable(byLine.get(line));
    }

    public ChannelRules rules(String id) {
        return rules.getOrDefault(id, ChannelRules.ANY);
    }

    /** The channels that may carry {@code message}, in configuration order. */
    List<SmsChannel> allowed(ChannelRules.RoutedMessage message) {
        List<SmsChannel> out = new ArrayList<>();
        channels.forEach((id, c) -> {
            if (rules.get(id).allows(message)) {
                out.add(c);
            }
        });
        return out;
    }

    /**
     * The rows channel {@code id} may claim now: what its rules allow, less the prefixes another channel prefers while
     * that one is up (unless this one prefers them too), less rows just handed back by this channel with "elsewhere".
     */
    public ClaimFilter claimFilter(String id) {
        ChannelRules own = rules(id);
        List<String> sql = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (!own.allowedPrefixes().isEmpty()) {
            sql.add("p.recipient LIKE ANY (?)");
            params.add(patterns(own.allowedPrefixes()));
        }
        if (!own.deniedPrefixes().isEmpty()) {
            sql.add("NOT p.recipient LIKE ANY (?)");
            params.add(patterns(own.deniedPrefixes()));
        }
        if (!own.accounts().isEmpty()) {
            sql.add("p.requested_by = ANY (?)");
            params.add(own.accounts().toArray(String[]::new));
        }
        if (!own.sources().isEmpty()) {
            sql.add("p.source = ANY (?)");
            params.add(own.sources().toArray(String[]::new));
        }
        if (!own.lanes().isEmpty()) {
            sql.add("p.lane = ANY (?)");
            params.add(own.lanes().toArray(Integer[]::new));
        }
        if (!own.kinds().isEmpty()) {
            sql.add("p.kind = ANY (?)");
            params.add(own.kinds().stream().map(MessageKind::value).toArray(String[]::new));
        }
        List<String> preferredElsewhere = new ArrayList<>();
        channels.forEach((other, c) -> {
            if (!other.equals(id) && c.health() == LineState.State.READY) {
                for (String prefix : rules.get(other).preferredPrefixes()) {
                    if (!own.preferredPrefixes().contains(prefix)) {
                        preferredElsewhere.add(prefix);
                    }
                }
            }
        });
        if (!preferredElsewhere.isEmpty()) {
            sql.add("NOT p.recipient LIKE ANY (?)");
            params.add(patterns(preferredElsewhere));
        }
        sql.add("(p.avoid_channel IS NULL OR p.avoid_channel <> ? OR p.avoid_until <= now())");
        params.add(id);
        return new ClaimFilter(String.join(" AND ", sql), params);
    }

    private static String[] patterns(List<String> prefixes) {
        // Prefixes are + and digits (ChannelRules checks), so nothing in them is a LIKE wildcard.
        return prefixes.stream().map(p -> p + "%").toArray(String[]::new);
    }

    /**
     * How many parts {@code text} takes to {@code recipient}: the most any channel that may carry it needs (they
     * usually agree), or the first channel's count when none allows it.
     */
    @Override
    public int parts(String recipient, String text) {
        ChannelRules.RoutedMessage any = new ChannelRules.RoutedMessage(recipient, null, null, 0, MessageKind.TEXT);
        int most = 0;
        for (SmsChannel c : channels.values()) {
            ChannelRules r = rules.get(c.id());
            if (r.allowedPrefixes().isEmpty() || ChannelRules.matches(r.allowedPrefixes(), recipient)) {
                most = Math.max(most, c.partsFor(text));
            }
        }
        return most > 0 || channels.isEmpty() ? most : channels.values().iterator().next().partsFor(text);
    }

    /** Messages per second all channels can take now. */
    double capacity() {
        return channels.values().stream().mapToDouble(SmsChannel::capacity).sum();
    }

    /**
     * Lines that can take a message now, across all channels; while every line is still coming up (the hub just
     * started), all of them, so that a broadcast planned at start-up still gets an estimate.
     */
    public int readyLines() {
        int ready = 0;
        int starting = 0;
        int all = 0;
        for (SmsChannel c : channels.values()) {
            for (String line : c.lines()) {
                LineState.State s = c.line(line).state();
                all++;
                ready += s == LineState.State.READY ? 1 : 0;
                starting += s == LineState.State.STARTING ? 1 : 0;
            }
        }
        return ready == 0 && starting == all ? all : ready;
    }

    /** What one of the {@link #readyLines()} takes per part, on average: for a duration's estimate. */
    public double secondsPerPart() {
        int ready = 0;
        double perSecond = 0;
        boolean anyReady = channels.values().stream().anyMatch(c -> c.lines().stream().anyMatch(l -> c.line(l).ready()));
        for (SmsChannel c : channels.values()) {
            for (String line : c.lines()) {
                if (!anyReady || c.line(line).ready()) {
                    ready++;
                    perSecond += c.partsPerSecondPerLine();
                }
            }
        }
        return perSecond == 0 ? 0 : ready / perSecond;
    }

    /** Starts every channel receiving; a channel that fails to start is logged and the others start anyway. */
    public void start(ChannelListener listener) {
        for (SmsChannel c : channels.values()) {
            try {
                c.start(listener);
            } catch (Exception e) {
                LOG.error("Channel {} ({}) did not start: {}", c.id(), c.kind(), e.getMessage(), e);
            }
        }
    }

    public void stop() {
        List<SmsChannel> reversed = new ArrayList<>(channels.values());
        java.util.Collections.reverse(reversed);
        for (SmsChannel c : reversed) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                LOG.warn("Channel {} did not stop cleanly: {}", c.id(), e.getMessage());
            }
        }
    }
}
