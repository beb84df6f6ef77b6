package org.switchboard.modem.at;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays a {@link Transcript} through an {@link AtChannel} as the session would: host command lines become
 * submits (with the host bytes that follow a prompt as their payload), modem bytes are fed in the given chunking, and
 * time passes in 50 ms ticks.
 */
final class Replayer {
    static final long TICK_MILLIS = 50;
    static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

    record Result(String hostWritten, String hostExpected, List<String> events, List<AtResponse> responses,
            List<UnsolicitedResult> urcs) {
    }

    private final AtChannel channel = new AtChannel();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final List<String> rendered = new ArrayList<>();
    private final List<AtResponse> responses = new ArrayList<>();
    private final List<UnsolicitedResult> urcs = new ArrayList<>();
    private long now = 1_000_000;

    static Result replay(Transcript transcript, Chunking chunking) {
        return new Replayer().run(transcript, chunking);
    }

    AtChannel channel() {
        return channel;
    }

    private Result run(Transcript transcript, Chunking chunking) {
        Chunking.Splitter splitter = chunking.splitter();
        ByteArrayOutputStream expectedHost = new ByteArrayOutputStream();
        List<Transcript.Step> steps = transcript.steps();
        long timeout = DEFAULT_TIMEOUT_MILLIS;
        for (int i = 0; i < steps.size(); i++) {
            Transcript.Step step = steps.get(i);
            if (step instanceof Transcript.Host host) {
                expectedHost.writeBytes(host.bytes());
                if (host.isCommand()) {
                    if (channel.busy()) {
                        throw new AssertionError(transcript.name() + ": host sends a command while "
                                + "the channel still waits for the previous one (step " + i + ")");
                    }
                    String line = Escapes.latin1(host.bytes());
                    line = line.substring(0, line.length() - 1);
                    AtCommand command = new AtCommand(line, payloadAfter(steps, i), timeout);
                    // A command held back after a timeout goes out from a later tick (a WAIT in the transcript).
                    take(channel.submit(command, now));
                }
            } else if (step instanceof Transcript.Modem modem) {
                byte[] bytes = modem.bytes();
                for (int[] cut : splitter.cuts(bytes.length)) {
                    take(channel.receive(bytes, cut[0], cut[1], now));
                }
            } else if (step instanceof Transcript.Wait wait) {
                long until = now + wait.millis();
                while (now < until) {
                    now = Math.min(until, now + TICK_MILLIS);
                    take(channel.tick(now));
                }
            } else if (step instanceof Transcript.CommandTimeout t) {
                timeout = t.millis();
            }
        }
        now += 600_000;
        take(channel.tick(now));
        now += 600_000;
        take(channel.tick(now));
        return new Result(Escapes.latin1(written.toByteArray()), Escapes.latin1(expectedHost.toByteArray()),
                rendered, responses, urcs);
    }

    /** The prompt payload: every host write after the command up to the next command line, without Ctrl-Z. */
    static String payloadAfter(List<Transcript.Step> steps, int commandIndex) {
        StringBuilder payload = new StringBuilder();
        boolean any = false;
        for (int j = commandIndex + 1; j < steps.size(); j++) {
            if (steps.get(j) instanceof Transcript.Payload p) {
                return p.payload();
            }
            if (steps.get(j) instanceof Transcript.Host h) {
                if (h.isCommand()) {
                    break;
                }
                any = true;
                payload.append(Escapes.latin1(h.bytes()).replace("\u001a", ""));
            }
        }
        return any ? payload.toString() : null;
    }

    private void take(List<AtEvent> events) {
        for (AtEvent e : events) {
            if (e instanceof AtEvent.Send send) {
                written.writeBytes(send.bytes());
            } else {
                rendered.add(EventLog.render(e));
                if (e instanceof AtEvent.Completed c) {
                    responses.add(c.response());
                } else if (e instanceof AtEvent.Unsolicited u) {
                    urcs.add(u.urc());
                }
            }
        }
    }
}
