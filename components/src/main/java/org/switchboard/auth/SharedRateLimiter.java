package org.switchboard.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller (a user, an API key, a user name's wrong passwords, an SMPP account): {@code tokens} every
 * {@code period} on average, up to {@code burst} at once, for the caller as a whole over every node of the hub.
 *
 * <p>The bucket is in the database ({@link RateBuckets}); asking it for every request would put a database round trip
 * on each sendsms and submit_sm, so a node takes a slice of tokens at once (what the rate refills in
 * {@link #SLICE_TIME}, at least one, at most the burst) and spends it from memory. A request then costs a
 * compare-and-set, and one in a slice a database round trip. A slice not spent within {@link #HOLD} goes back with the
 * node's next take, so that callers moving between nodes do not leave tokens stranded. Tokens are only ever spent
 * after the database granted them, so over any time T the caller gets at most burst + rate x T + one slice per node.
 * When the database grants nothing, the node refuses the caller without asking again until a token is due.
 */
public final class SharedRateLimiter {
    /** How much of the rate one slice is: 50 ms of it (5 tokens at 100 a second; 1 for slower limits). */
    public static final Duration SLICE_TIME = Duration.ofMillis(50);
    /** How long a node keeps tokens it took and has not spent before they go back to the bucket. */
    public static final Duration HOLD = Duration.ofSeconds(1);
    static final int MAX_CALLERS = 100_000;

    private final RateBuckets buckets;
    private final String name;
    private final double perSecond;
    private final long burst;
    private final int slice;
    private final LongSupplier nanoClock;
    private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();

    /** The tokens this node holds of one caller's bucket, until when, and until when the bucket is known empty. */
    private static final class Allowance {
        final AtomicLong left = new AtomicLong();
        volatile long heldUntil;
        // written and read under the allowance's lock only
        long emptyUntil;
        boolean empty;
    }

    /**
     * {@code tokens} every {@code period} (100 a second, 5 wrong passwords a minute), up to {@code burst} at once; 0
     * tokens for no limit at all.
     *
     * @param name sets these buckets apart from other limits' buckets of the same callers ({@code api}, {@code login})
     */
    public SharedRateLimiter(RateBuckets buckets, String name, long tokens, Duration period, long burst) {
        this(buckets, name, tokens, period, burst, sliceOf(tokens * 1e9 / period.toNanos(), burst), System::nanoTime);
    }

    /**
     * With a slice and a clock of the test's own for what the node holds (the bucket refills on the database's
     * clock).
     */
    SharedRateLimiter(RateBuckets buckets, String name, long tokens, Duration period, long burst, int slice,
            LongSupplier nanoClock) {
        if (tokens < 0 || (tokens > 0 && burst < 1) || slice < 1) {
            throw new IllegalArgumentException("a rate limit needs tokens >= 0 and, when limited, burst >= 1");
        }
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.name = Objects.requireNonNull(name, "name");
        this.perSecond = tokens * 1e9 / period.toNanos();
        this.burst = burst;
        this.slice = slice;
        this.nanoClock = nanoClock;
    }

    private static int sliceOf(double perSecond, long burst) {
        return (int) Math.max(1, Math.min(burst, Math.floor(perSecond * SLICE_TIME.toNanos() / 1e9)));
    }

    /** The tokens taken from the database at once, for the figures of a request's cost. */
    public int slice() {
        return slice;
    }

    /** Takes one request from the caller's bucket: {@link Duration#ZERO} when it may go on, else how long to wait. */
    public Duration take(String caller) {
        if (perSecond == 0) {
            return Duration.ZERO;
        }
        Allowance a = allowance(caller);
        if (spend(a)) {
            return Duration.ZERO;
        }
        // One thread per caller asks the database; the others wait for its slice rather than each take their own.
        synchronized (a) {
            if (spend(a)) {
                return Duration.ZERO;
            }
            long now = nanoClock.getAsLong();
            if (a.empty && a.emptyUntil - now > 0) {
                return Duration.ofNanos(a.emptyUntil - now);
            }
            RateBuckets.Grant grant = buckets.take(key(caller), perSecond, burst, slice, unspent(a));
            if (grant.tokens() == 0) {
                a.empty = true;
                a.emptyUntil = now + grant.retryAfter().toNanos();
                return grant.retryAfter().isZero() ? Duration.ofNanos(1) : grant.retryAfter();
            }
            a.empty = false;
            a.heldUntil = now + HOLD.toNanos();
            a.left.set(grant.tokens() - 1L);
            return Duration.ZERO;
        }
    }

    /**
     * Gives back one token to the caller's bucket, for a bucket charged only when something goes wrong (a sign-in is
     * taken before the password is checked, so that concurrent guesses cannot all slip past an almost empty bucket,
     * and given back when the password was right). It goes to the database at once, where every node sees it.
     */
    public void giveBack(String caller) {
        if (perSecond == 0) {
            return;
        }
        Allowance a = allowance(caller);
        synchronized (a) {
            buckets.take(key(caller), perSecond, burst, 0, 1);
            a.empty = false;
        }
    }

    private Allowance allowance(String caller) {
        // Callers are users, keys, accounts and the names sign-ins are tried with; should there be ever more, all
        // start again from the database rather than memory grow without end (tokens held then are simply not spent).
        if (allowances.size() >= MAX_CALLERS && !allowances.containsKey(caller)) {
            allowances.clear();
        }
        return allowances.computeIfAbsent(caller, c -> new Allowance());
    }

    /** Spends one held token unless none is left or the hold is over. */
    private boolean spend(Allowance a) {
        if (a.heldUntil - nanoClock.getAsLong() <= 0) {
            return false;
        }
        return a.left.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
    }

    /** What is held and no longer to be spent here, taken out of the allowance to go back. */
    private static int unspent(Allowance a) {
        return (int) Math.min(Integer.MAX_VALUE, a.left.getAndSet(0));
    }

    private String key(String caller) {
        return name + ":" + caller;
    }
}
