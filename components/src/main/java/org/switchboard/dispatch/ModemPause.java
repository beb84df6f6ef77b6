package org.switchboard.dispatch;

import java.time.Duration;

/**
 * A dispatcher's pause after its modem failed: no claims until the pause is over and the modem looks healthy again; each
 * fault, or a check that finds the modem still unhealthy, doubles the pause up to a maximum. A send that succeeds ends
 * it. Times are {@link System#nanoTime()} values. Used by one dispatcher thread.
 */
public final class ModemPause {
    private final long firstNanos;
    private final long maxNanos;
    private long pauseNanos;
    private long until;
    private boolean paused;

    public ModemPause(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max: " + first + ", " + max);
        }
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The modem failed (or was found unhealthy before a claim) at {@code now}: pause, longer each time in a row. */
    public void fault(long now) {
        pauseNanos = paused ? Math.min(maxNanos, pauseNanos * 2) : firstNanos;
        paused = true;
        until = now + pauseNanos;
    }

    /** Whether the dispatcher is paused: a fault not yet cleared by a send that went through. */
    public boolean paused() {
        return paused;
    }

    /** Whether the current pause has run out at {@code now}, so the modem's health may be checked again. */
    public boolean checkDue(long now) {
        return paused && now - until >= 0;
    }

    /** The length of the current pause. */
    public Duration current() {
        return Duration.ofNanos(paused ? pauseNanos : 0);
    }

    /** A send went through: the next fault starts from the first pause again. */
    public void recovered() {
        paused = false;
        pauseNanos = 0;
    }
}
