package org.switchboard.channel;

import java.util.List;

/**
 * One way for SMS out of and into the hub: a pool of modems, an SMPP connection to an operator. It carries messages on
 * its {@link #lines()}, each of which takes one message at a time (a modem; one slot of an SMPP bind's window), and
 * hands what it receives to a {@link ChannelListener}. Implementations are thread-safe: each line is driven by its own
 * dispatcher thread, and inbound events may come from threads of the channel's own.
 */
public interface SmsChannel {

    /** The channel's id, unique in the hub: configuration, routing rules and the journal name it. */
    String id();

    /** What carries it: {@code modem}, {@code smpp}, ... */
    String kind();

    /** Its lines, each unique in the hub (dispatch routes are named after them); fixed once the channel is built. */
    List<String> lines();

    /** One line's state now: whether it can take a message, and what a person should know about it. */
    LineState line(String line);

    /**
     * Checks a line actively after it failed (a modem: signal and registration), so that it is used again only when
     * it works. False when it still does not.
     */
    boolean probe(String line);

    /** How many SMS parts {@code text} takes on this channel (its encoding and concatenation). */
    int partsFor(String text) throws IllegalArgumentException;

    /** What one line carries per second when it works (a GSM modem: one part every 3 to 6 s). */
    double partsPerSecondPerLine();

    /** Messages per second the channel can take now: {@link #partsPerSecondPerLine} times its ready lines. */
    default double capacity() {
        long ready = lines().stream().filter(l -> line(l).ready()).count();
        return ready * partsPerSecondPerLine();
    }

    /** The channel as a whole: UP when a line is ready, STARTING while every line is still coming up, else DOWN. */
    default LineState.State health() {
        boolean starting = false;
        for (String l : lines()) {
            LineState s = line(l);
            if (s.ready()) {
                return LineState.State.READY;
            }
            starting |= s.state() == LineState.State.STARTING;
        }
        return starting ? LineState.State.STARTING : LineState.State.DOWN;
    }

    /**
     * Sends {@code message} through {@code line}, returning once the network took every part (with the reference of
     * each), or failing with what a retry can do about it.
     */
    Submitted submit(String line, OutboundMessage message) throws SubmitFailure;

    /** Starts receiving: inbound SMS and status reports go to {@code listener} from now on. */
    void start(ChannelListener listener) throws Exception;

    /** Stops receiving and sending; a submit under way finishes first. */
    void stop();
}
