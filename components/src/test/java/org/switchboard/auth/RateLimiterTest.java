package org.switchboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

/** The token bucket per caller, on a clock the test moves. */
class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void aBurstGoesThroughThenTheRateHolds() {
        RateLimiter limiter = new RateLimiter(10, 3, clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limiter.take("key:a"));
        }
        Duration wait = limiter.take("key:a");
        assertTrue(wait.compareTo(Duration.ZERO) > 0 && wait.compareTo(Duration.ofMillis(100)) <= 0, wait.toString());
        // another caller has a bucket of its own
        assertEquals(Duration.ZERO, limiter.take("user:b"));
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        assertEquals(Duration.ZERO, limiter.take("key:a"));
        assertTrue(limiter.take("key:a").compareTo(Duration.ZERO) > 0);
        // a long pause refills the bucket up to the burst, not beyond
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limiter.take("key:a"));
        }
        assertTrue(limiter.take("key:a").compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aPerMinuteBucketChargedOnlyOnFailureGivesBackWhatASuccessTook() {
        RateLimiter failures = new RateLimiter(5, Duration.ofMinutes(1), 2, clock);
        // a right password: taken before the check, given back after it
        for (int i = 0; i < 10; i++) {
            assertEquals(Duration.ZERO, failures.take("login:a"));
            failures.giveBack("login:a");
        }
        assertEquals(Duration.ZERO, failures.take("login:a"));
        assertEquals(Duration.ZERO, failures.take("login:a"));
        Duration wait = failures.take("login:a");
        // 5 a minute: one every 12 s
        assertTrue(wait.compareTo(Duration.ofSeconds(1)) > 0 && wait.compareTo(Duration.ofSeconds(12)) <= 0, wait.toString());
        nanos.addAndGet(Duration.ofSeconds(12).toNanos());
        assertEquals(Duration.ZERO, failures.take("login:a"));
        assertTrue(failures.take("login:a").compareTo(Duration.ZERO) > 0);
    }

    @Test
    void theBucketsStayBoundedWhateverTheNumberOfCallers() {
        RateLimiter limiter = new RateLimiter(1, 1, clock);
        assertEquals(Duration.ZERO, limiter.take("key:first"));
        assertTrue(limiter.take("key:first").compareTo(Duration.ZERO) > 0);
        for (int i = 0; i < RateLimiter.MAX_CALLERS; i++) {
            limiter.take("key:" + i);
        }
        // the map was emptied once it was full: the first caller starts again with a full bucket
        assertEquals(Duration.ZERO, limiter.take("key:first"));
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimiter limiter = new RateLimiter(0, 0, clock);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Duration.ZERO, limiter.take("key:a"));
        }
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(5, 0));
    }
}
