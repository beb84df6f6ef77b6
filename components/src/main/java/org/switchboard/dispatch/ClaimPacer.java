package org.switchboard.dispatch;

/**
 * Spaces one line's claims evenly so that it sends at most {@code maxPerMinute} SMS a minute (0: no limit). Times are
 * {@link System#nanoTime()} values. Used by one dispatcher thread.
 */
public final class ClaimPacer {
    private final long intervalNanos;
    private long next;
    private boolean started;

    public ClaimPacer(int maxPerMinute) {
        if (maxPerMinute < 0) {
            throw new IllegalArgumentException("maxPerMinute must be >= 0, was " + maxPerMinute);
        }
        this.intervalNanos = maxPerMinute == 0 ? 0 : 60_000_000_000L / maxPerMinute;
    }

    /** How long to wait at {@code now} before the next claim, in nanoseconds; 0 when it may claim now. */
    public long waitNanos(long now) {
        if (intervalNanos == 0 || !started) {
            return 0;
        }
        return Math.max(0, next - now);
    }

    /** A claim was made at {@code now}: the next one may come one interval later. */
    public void claimed(long now) {
        if (intervalNanos > 0) {
            // From the actual claim, not the planned one: no catching up after a slow send, so no minute ever holds more.
            next = now + intervalNanos;
            started = true;
        }
    }
}
