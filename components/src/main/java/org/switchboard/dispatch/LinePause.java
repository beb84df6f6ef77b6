package org.switchboard.dispatch;

import java.time.Duration;

/**
 * A dispatcher's pause after its line failed (a modem gone, off the network): no claims until the pause is over and
 * the line looks healthy again. Each fault in a row (a failed send, or a check that finds the line still unhealthy)
 * doubles the pause up to a maximum;
 * only a send that goes through starts the next fault from the first pause again, so a line that looks healthy but
 * keeps failing is tried less and less often. Times are {@link System#nanoTime()} values. Used by one dispatcher thread.
 */
public final class LinePause {
    private final long firstNanos;
    private final long maxNanos;
    private long pauseNanos;
    private long until;
    private boolean paused;
    private boolean streak;

    public LinePause(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max: " + first + ", " + max);
        }
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The line failed (or was found unhealthy before a claim) at {@code now}: pause, longer each time in a row. */
    public void fault(long now) {
        pauseNanos = streak ? Math.min(maxNanos, pauseNanos * 2) : firstNanos;
        paused = true;
        streak = true;
        until = now + pauseNanos;
    }

    /** Whether the dispatcher is paused: no claims until the pause is over and a check finds the line healthy. */
    public boolean paused() {
        return paused;
    }

    /** Whether the current pause has run out at {@code now}, so the line's health may be checked again. */
    public boolean checkDue(long now) {
        return paused && now - until >= 0;
    }

    /** The length of the current pause. */
    public Duration current() {
        return Duration.ofNanos(streak ? pauseNanos : 0);
    }

    /** The pause is over and the line looked healthy: claims resume, but the next fault still doubles the pause. */
    public void resume() {
        paused = false;
    }

    /** A send went through: the next fault starts from the first pause again. Returns whether a fault streak ended. */
    public boolean recovered() {
        boolean ended = streak;
        paused = false;
        streak = false;
        pauseNanos = 0;
        return ended;
    }
}
