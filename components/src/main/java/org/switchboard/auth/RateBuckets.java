package org.switchboard.auth;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/**
 * The token buckets every node shares (rate_bucket): tokens are taken from a bucket and given back in one statement,
 * V20's {@code rate_take}, under the row's lock and on the database's clock. Full buckets are deleted now and then (a
 * missing bucket is a full one), so that the table holds only the callers that spent something lately.
 */
public final class RateBuckets {
    private static final long PURGE_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final DataSource dataSource;
    private final AtomicLong lastPurge = new AtomicLong(System.nanoTime());

    /** What a take got: whole tokens, and when none, how long until there is one. */
    public record Grant(int tokens, Duration retryAfter) {
    }

    public RateBuckets(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Gives {@code back} tokens to the bucket, then takes up to {@code want}.
     *
     * @param perSecond the bucket's refill, more than 0
     * @param burst     the most it holds
     */
    public Grant take(String bucket, double perSecond, long burst, int want, int back) {
        purgeNowAndThen();
        return Sql.inTransaction(dataSource, "taking from rate bucket " + bucket, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT granted, wait_seconds FROM rate_take(?, ?, ?, ?, ?)")) {
                Sql.bind(ps, bucket, perSecond, (double) burst, want, back);
                return Sql.first(ps, rs -> new Grant(rs.getInt("granted"),
                        Duration.ofNanos((long) Math.ceil(rs.getDouble("wait_seconds") * 1e9)))).orElseThrow();
            }
        });
    }

    /** Deletes the buckets that are full again, as missing ones are; returns how many. */
    public int purgeFull() {
        return Sql.update(dataSource, "deleting full rate buckets", "DELETE FROM rate_bucket WHERE full_at < now()");
    }

    // At most once a minute per process, by whichever take comes first: the made-up user names of a guessing attack
    // each leave a bucket, and without this they would stay.
    private void purgeNowAndThen() {
        long last = lastPurge.get();
        long now = System.nanoTime();
        if (now - last >= PURGE_EVERY_NANOS && lastPurge.compareAndSet(last, now)) {
            purgeFull();
        }
    }
}
