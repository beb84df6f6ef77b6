package org.switchboard.dispatch;

import java.time.Duration;

import org.switchboard.store.RetryBackoff;

/**
 * What becomes of an SMS whose send failed. A modem fault sends it back to the queue at once for another modem, without
 * counting the attempt; a recipient-side failure that a retry may cure waits (first pause, doubling, capped) until the
 * maximum number of attempts; anything else fails at once.
 */
public final class RetryPolicy {
    /** What to do with the row. */
    public enum Action {
        /** Back to the queue, due now, the attempt not counted: the modem failed, not the recipient. */
        REQUEUE,
        /** Back to the queue, due after {@link Decision#delay()}. */
        RETRY,
        /** Given up: FAILED with the reason and code. */
        FAIL
    }

    /** The action, and for {@link Action#RETRY} the pause before the next attempt. */
    public record Decision(Action action, Duration delay) {
    }

    private final int maxAttempts;
    private final RetryBackoff backoff;

    /**
     * @param maxAttempts attempts a recipient gets before its SMS fails (modem faults not counted), at least 1
     * @param firstPause  the pause after the first failed attempt; it doubles after each further one
     * @param maxPause    the longest pause
     */
    public RetryPolicy(int maxAttempts, Duration firstPause, Duration maxPause) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = new RetryBackoff(firstPause.compareTo(maxPause) > 0 ? maxPause : firstPause, maxPause);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The decision for a send that failed on attempt number {@code attempts} (counted from 1). */
    public Decision decide(SendFailure failure, int attempts) {
        if (failure.modemFault()) {
            return new Decision(Action.REQUEUE, Duration.ZERO);
        }
        if (!failure.retryable() || attempts >= maxAttempts) {
            return new Decision(Action.FAIL, Duration.ZERO);
        }
        return new Decision(Action.RETRY, backoff.delay(attempts));
    }
}
