package org.switchboard.dispatch;

import java.time.Duration;

import org.switchboard.channel.SubmitFailure;
import org.switchboard.store.RetryBackoff;

/**
 * What becomes of an SMS whose send failed, from the channel's classification alone. A failure of the line or channel
 * ({@link SubmitFailure.Retry#ELSEWHERE}) sends it back to the queue at once for another line or channel, without
 * counting the attempt, up to a number of such requeues (an SMS that fails everywhere fails); a recipient-side failure
 * that a retry may cure ({@link SubmitFailure.Retry#HERE}) waits (first pause, doubling, capped) until the maximum
 * number of attempts; anything else fails at once. An SMS that may have gone out twice already and may have gone out
 * again fails rather than go a third time.
 */
public final class RetryPolicy {
    /** What to do with the row. */
    public enum Action {
        /** Back to the queue, due now, the attempt not counted: the line or channel failed, not the recipient. */
        REQUEUE,
        /** Back to the queue, due after {@link Decision#delay()}. */
        RETRY,
        /** Given up: FAILED with the reason and code. */
        FAIL
    }

    /**
     * The action, for {@link Action#RETRY} the pause before the next attempt, and for a {@link Action#FAIL} the policy
     * chose (rather than the failure's own finality) why, else null.
     */
    public record Decision(Action action, Duration delay, String reason) {
        public Decision(Action action, Duration delay) {
            this(action, delay, null);
        }
    }

    /** Requeues an SMS gets when none are configured. */
    public static final int DEFAULT_MAX_REQUEUES = 10;

    private final int maxAttempts;
    private final int maxRequeues;
    private final RetryBackoff backoff;

    RetryPolicy(int maxAttempts, Duration firstPause, Duration maxPause) {
        this(maxAttempts, firstPause, maxPause, DEFAULT_MAX_REQUEUES);
    }

    /**
     * @param maxAttempts attempts a recipient gets before its SMS fails (line faults not counted), at least 1
     * @param firstPause  the pause after the first failed attempt; it doubles after each further one
     * @param maxPause    the longest pause
     * @param maxRequeues times a line or channel may send an SMS back to the queue before it fails, at least 0
     */
    public RetryPolicy(int maxAttempts, Duration firstPause, Duration maxPause, int maxRequeues) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (maxRequeues < 0) {
            throw new IllegalArgumentException("maxRequeues must be at least 0, was " + maxRequeues);
        }
        this.maxAttempts = maxAttempts;
        this.maxRequeues = maxRequeues;
        this.backoff = new RetryBackoff(firstPause.compareTo(maxPause) > 0 ? maxPause : firstPause, maxPause);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The decision for a send that failed on attempt number {@code attempts} (counted from 1), never requeued before. */
    Decision decide(SubmitFailure failure, int attempts) {
        return decide(failure, attempts, 0, false);
    }

    /**
     * The decision for a send that failed on attempt number {@code attempts} (counted from 1) of an SMS that lines or
     * channels sent back to the queue {@code requeues} times, and that was already {@code possibleDuplicate}.
     */
    public Decision decide(SubmitFailure failure, int attempts, int requeues, boolean possibleDuplicate) {
        if (failure.possiblySent() && possibleDuplicate) {
            // Once possibly twice is a risk the recipient may bear; a third time is not.
            return new Decision(Action.FAIL, Duration.ZERO, failure.reason()
                    + "; it may have gone out twice already, so it is not sent a third time");
        }
        if (failure.retry() == SubmitFailure.Retry.ELSEWHERE) {
            if (requeues >= maxRequeues) {
                return new Decision(Action.FAIL, Duration.ZERO,
                        "failed on every line it was tried on (" + requeues + " requeues): " + failure.reason());
            }
            return new Decision(Action.REQUEUE, Duration.ZERO);
        }
        if (failure.retry() == SubmitFailure.Retry.PERMANENT || attempts >= maxAttempts) {
            return new Decision(Action.FAIL, Duration.ZERO);
        }
        return new Decision(Action.RETRY, backoff.delay(attempts));
    }
}
