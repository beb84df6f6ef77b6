package org.switchboard.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * A token bucket per caller (a user or an API key): {@code perSecond} requests a second on average, up to
 * {@code burst} at once. Callers are only users and keys that exist, so the buckets stay few; should they not, past
 * {@link #MAX_CALLERS} all start again full rather than grow without end.
 */
public final class RateLimiter {
    static final int MAX_CALLERS = 100_000;
    private final long perSecond;
    private final long burst;
    private final TimeMeter clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond 0 for no limit at all */
    public RateLimiter(long perSecond, long burst) {
        this(perSecond, burst, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With a clock of the test's own. */
    public RateLimiter(long perSecond, long burst, TimeMeter clock) {
        if (perSecond < 0 || (perSecond > 0 && burst < 1)) {
            throw new IllegalArgumentException("a rate limit needs perSecond >= 0 and, when limited, burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = Math.max(burst, perSecond == 0 ? 0 : 1);
        this.clock = clock;
    }

    /** Takes one request from the caller's bucket: {@link Duration#ZERO} when it may go on, else how long to wait. */
    public Duration take(String caller) {
        if (perSecond == 0) {
            return Duration.ZERO;
        }
        if (buckets.size() >= MAX_CALLERS && !buckets.containsKey(caller)) {
            buckets.clear();
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(caller, c -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(clock).build()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }
}
