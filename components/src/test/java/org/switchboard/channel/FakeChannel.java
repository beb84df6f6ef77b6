package org.switchboard.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel for tests of what sits above the seam: its lines are up or down as the test says, it records what it was
 * given, and it fails a message the way the test asks. Not a proof that any transport works.
 */
public final class FakeChannel implements SmsChannel {
    private final String id;
    private final List<String> lines;
    private final Map<String, LineState.State> states = new LinkedHashMap<>();
    private final List<OutboundMessage> sent = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, SubmitFailure> failures = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicInteger reference = new AtomicInteger();
    private volatile ChannelListener listener;

    public FakeChannel(String id, String... lines) {
        this.id = id;
        this.lines = List.of(lines);
        for (String l : lines) {
            states.put(l, LineState.State.READY);
        }
    }

    /** Every line of the channel in {@code state}. */
    public FakeChannel all(LineState.State state) {
        lines.forEach(l -> states.put(l, state));
        return this;
    }

    /** Messages to {@code recipient} fail with {@code failure} from now on. */
    public void fail(String recipient, SubmitFailure failure) {
        failures.put(recipient, failure);
    }

    public List<OutboundMessage> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    public ChannelListener listener() {
        return listener;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String kind() {
        return "fake";
    }

    @Override
    public List<String> lines() {
        return lines;
    }

    @Override
    public synchronized LineState line(String line) {
        LineState.State s = states.get(line);
        return new LineState(line, s, s == LineState.State.READY ? null : "set by the test", Map.of());
    }

    @Override
    public synchronized boolean probe(String line) {
        return states.get(line) == LineState.State.READY;
    }

    @Override
    public int partsFor(String text) {
        return Math.max(1, (text.length() + 152) / 153);
    }

    @Override
    public double partsPerSecondPerLine() {
        return 1;
    }

    @Override
    public Submitted submit(String line, OutboundMessage message) throws SubmitFailure {
        if (!line(line).ready()) {
            throw SubmitFailure.lineDown(id + "/" + line + " is down");
        }
        SubmitFailure failure = failures.get(message.recipient());
        if (failure != null) {
            throw failure;
        }
        sent.add(message);
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < partsFor(message.text()); i++) {
            refs.add(id + "-" + reference.incrementAndGet());
        }
        return new Submitted(line, refs);
    }

    @Override
    public void start(ChannelListener listener) {
        this.listener = listener;
    }

    @Override
    public void stop() {
        listener = null;
    }
}
