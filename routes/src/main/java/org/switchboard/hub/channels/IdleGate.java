package org.switchboard.hub.channels;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an empty claim told one line of a channel, shared with its other lines. An SMPP channel has a line per slot of
 * its binds' windows (200 for 4 binds of 50), and each line's idle poll claiming on its own cost the idle hub a tenth of
 * a core and the database as much; after an empty claim the channel's lines skip theirs for a short spacing, so an
 * idle channel claims about {@value #IDLE_CLAIMS} times a poll period whatever its lines, and a new SMS still waits
 * at most that spacing more. A claim that finds a row opens the gate at once: every line claims at its next poll.
 */
public final class IdleGate {
    /** At most this many idle claims a poll period per channel (twice as many for a channel of one line). */
    static final int IDLE_CLAIMS = 16;

    private final long spacingNanos;
    private final AtomicLong lastEmpty = new AtomicLong(Long.MIN_VALUE / 2);

    /** @param lines the channel's lines; one line's own next poll is never held back */
    public IdleGate(long pollMillis, int lines) {
        this.spacingNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis) / Math.max(2, Math.min(lines * 2, IDLE_CLAIMS));
    }

    /** Whether a line may claim now: no other line of the channel found the queue empty just before. */
    boolean mayClaim(long nowNanos) {
        return nowNanos - lastEmpty.get() >= spacingNanos;
    }

    /** A claim found nothing this channel may carry. */
    void empty(long nowNanos) {
        lastEmpty.set(nowNanos);
    }

    /** A claim found a row: the others claim at their next poll. */
    void found() {
        lastEmpty.set(Long.MIN_VALUE / 2);
    }
}
