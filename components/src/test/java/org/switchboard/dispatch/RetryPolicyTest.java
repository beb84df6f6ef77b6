package org.switchboard.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.switchboard.channel.SubmitFailure;
import org.switchboard.channel.SubmitFailure.Retry;
import org.switchboard.dispatch.RetryPolicy.Action;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5));

    private static SubmitFailure recipient(boolean retryable) {
        return failure("+CMS ERROR", 42, retryable ? Retry.HERE : Retry.PERMANENT, false);
    }

    private static SubmitFailure failure(String reason, Integer code, Retry retry, boolean possiblySent) {
        return new SubmitFailure(reason, retry, retry == Retry.ELSEWHERE, code, possiblySent, null);
    }

    @Test
    void aLineFaultGoesBackAtOnceWhateverTheAttempts() {
        SubmitFailure noNetwork = failure("no network service", 331, Retry.ELSEWHERE, false);
        assertEquals(new RetryPolicy.Decision(Action.REQUEUE, Duration.ZERO), policy.decide(noNetwork, 1));
        assertEquals(Action.REQUEUE, policy.decide(noNetwork, 99).action());
        SubmitFailure simGone = failure("SIM not inserted", 310, Retry.ELSEWHERE, false);
        assertEquals(Action.REQUEUE, policy.decide(simGone, 1).action(), "the modem's permanent fault is not the recipient's");
    }

    @Test
    void aRetryableFailureBacksOffDoublingAndCappedThenFails() {
        assertEquals(new RetryPolicy.Decision(Action.RETRY, Duration.ofSeconds(1)), policy.decide(recipient(true), 1));
        assertEquals(Duration.ofSeconds(2), policy.decide(recipient(true), 2).delay());
        assertEquals(Duration.ofSeconds(4), policy.decide(recipient(true), 3).delay());
        assertEquals(Duration.ofSeconds(5), policy.decide(recipient(true), 4).delay());
        assertEquals(Action.FAIL, policy.decide(recipient(true), 5).action());
    }

    @Test
    void aPermanentFailureFailsAtOnce() {
        assertEquals(Action.FAIL, policy.decide(recipient(false), 1).action());
    }

    @Test
    void aCapBelowTheFirstPauseIsTheOnlyPause() {
        RetryPolicy quick = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMillis(50));
        assertEquals(Duration.ofMillis(50), quick.decide(recipient(true), 1).delay());
        assertEquals(Duration.ofMillis(50), quick.decide(recipient(true), 2).delay());
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Test
    void aLineFaultFailsOnceTheRequeuesAreSpent() {
        RetryPolicy bounded = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5), 3);
        SubmitFailure timeout = failure("no answer from the modem", null, Retry.ELSEWHERE, false);
        assertEquals(Action.REQUEUE, bounded.decide(timeout, 1, 2, false).action());
        RetryPolicy.Decision spent = bounded.decide(timeout, 1, 3, false);
        assertEquals(Action.FAIL, spent.action());
        assertEquals("failed on every line it was tried on (3 requeues): no answer from the modem", spent.reason());
        assertEquals(Action.REQUEUE, policy.decide(timeout, 1, RetryPolicy.DEFAULT_MAX_REQUEUES - 1, false).action());
        assertEquals(Action.FAIL, policy.decide(timeout, 1, RetryPolicy.DEFAULT_MAX_REQUEUES, false).action());
    }

    @Test
    void anSmsPossiblySentTwiceIsNotSentAThirdTime() {
        SubmitFailure timeoutAfterPdu = failure("no answer from the modem", null, Retry.ELSEWHERE, true);
        assertEquals(Action.REQUEUE, policy.decide(timeoutAfterPdu, 1, 0, false).action(), "once: sent again, marked");
        RetryPolicy.Decision again = policy.decide(timeoutAfterPdu, 1, 1, true);
        assertEquals(Action.FAIL, again.action());
        assertEquals("no answer from the modem; it may have gone out twice already, so it is not sent a third time",
                again.reason());
        SubmitFailure partlySent = failure("+CMS ERROR", 42, Retry.HERE, true);
        assertEquals(Action.FAIL, policy.decide(partlySent, 2, 0, true).action());
        assertEquals(Action.RETRY, policy.decide(recipient(true), 2, 0, true).action(), "a failure surely unsent retries");
    }
}
