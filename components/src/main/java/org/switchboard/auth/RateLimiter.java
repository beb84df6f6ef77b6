package org.switchboard.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * A token bucket per caller in this process's memory: {@code perSecond} requests a second on average, up to
 * {@code burst} at once. For limits that belong to one node by nature (the throughput of one of its binds to an
 * SMSC); a caller's limit over every node of the hub is a {@link SharedRateLimiter}. Past {@link #MAX_CALLERS} callers
 * all start again full rather than the buckets grow without end.
 */
public final class RateLimiter {
    static final int MAX_CALLERS = 100_000;
    private final long tokens;
    private final Duration period;
    private final long burst;
    private final TimeMeter clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond 0 for no limit at all */
    public RateLimiter(long perSecond, long burst) {
        this(perSecond, burst, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With a clock of the test's own. */
    public RateLimiter(long perSecond, long burst, TimeMeter clock) {
        this(perSecond, Duration.ofSeconds(1), burst, clock);
    }

    /** {@code tokens} every {@code period}, e.g. 5 a minute; 0 for no limit at all. */
    public RateLimiter(long tokens, Duration period, long burst) {
        this(tokens, period, burst, TimeMeter.SYSTEM_NANOTIME);
    }

    /**
     * {@code tokens} every {@code period} on average (the sign-in failures allowed a minute), up to {@code burst}
     * at once.
     */
    public RateLimiter(long tokens, Duration period, long burst, TimeMeter clock) {
        if (tokens < 0 || (tokens > 0 && burst < 1)) {
            throw new IllegalArgumentException("a rate limit needs tokens >= 0 and, when limited, burst >= 1");
        }
        this.tokens = tokens;
        this.period = period;
        this.burst = Math.max(burst, tokens == 0 ? 0 : 1);
        this.clock = clock;
    }

    /** Takes one request from the caller's bucket: {@link Duration#ZERO} when it may go on, else how long to wait. */
    public Duration take(String caller) {
        if (tokens == 0) {
            return Duration.ZERO;
        }
        if (buckets.size() >= MAX_CALLERS && !buckets.containsKey(caller)) {
            buckets.clear();
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(caller, c -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(tokens, period))
                .withCustomTimePrecision(clock).build()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    /**
     * Gives back what {@link #take} took, for a bucket charged only when something goes wrong (a sign-in is taken
     * before the password is checked, so that concurrent guesses cannot all slip past an almost empty bucket, and
     * given back when the password was right).
     */
    public void giveBack(String caller) {
        Bucket bucket = buckets.get(caller);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }
}
