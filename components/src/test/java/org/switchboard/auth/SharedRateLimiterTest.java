package org.switchboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.Sql;
import org.switchboard.store.TestDatabaseExtension;

/**
 * Rate limits shared by two nodes (two pools on one real PostgreSQL): what one spends the other cannot, tokens taken
 * in slices spare the database and go back when not spent. Time is the database's for the bucket (the tests age its
 * row) and a clock of the test's for what each node holds.
 */
class SharedRateLimiterTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final Duration HOUR = Duration.ofHours(1);
    private final AtomicLong nanos = new AtomicLong();
    private RateBuckets nodeOne;
    private RateBuckets nodeTwo;

    @BeforeEach
    void emptyTables() {
        db.truncate("rate_bucket");
        nodeOne = new RateBuckets(db.dataSource());
        nodeTwo = new RateBuckets(db.otherNode());
    }

    @Test
    void aLimitSpentOnOneNodeIsSpentOnTheOther() {
        // one a second, four at once, each taken from the database (a slice of one)
        SharedRateLimiter one = limiter(nodeOne, "api", 1, Duration.ofSeconds(1), 4, 1);
        SharedRateLimiter two = limiter(nodeTwo, "api", 1, Duration.ofSeconds(1), 4, 1);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, one.take("key:7"));
        }
        assertEquals(Duration.ZERO, two.take("key:7"));
        Duration wait = two.take("key:7");
        assertTrue(wait.compareTo(Duration.ZERO) > 0 && wait.compareTo(Duration.ofSeconds(1)) <= 0, wait.toString());
        assertTrue(one.take("key:7").compareTo(Duration.ZERO) > 0);
        // another caller, and another limit of the same caller, have buckets of their own
        assertEquals(Duration.ZERO, two.take("key:8"));
        assertEquals(Duration.ZERO, limiter(nodeTwo, "login", 1, Duration.ofSeconds(1), 4, 1).take("key:7"));

        // a second later one token is back, for whichever node comes first
        age("api:key:7", Duration.ofSeconds(1));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(Duration.ZERO, two.take("key:7"));
        assertTrue(one.take("key:7").compareTo(Duration.ZERO) > 0);
        assertTrue(two.take("key:7").compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aLongPauseRefillsUpToTheBurstNotBeyond() {
        SharedRateLimiter one = limiter(nodeOne, "api", 10, Duration.ofMinutes(1), 3, 1);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, one.take("user:a"));
        }
        age("api:user:a", Duration.ofSeconds(60));
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        SharedRateLimiter two = limiter(nodeTwo, "api", 10, Duration.ofMinutes(1), 3, 1);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, two.take("user:a"));
        }
        assertTrue(two.take("user:a").compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aNodeSpendsItsSliceFromMemoryAndAsksTheDatabaseOncePerSlice() {
        SharedRateLimiter one = limiter(nodeOne, "api", 10, HOUR, 12, 5);
        SharedRateLimiter two = limiter(nodeTwo, "api", 10, HOUR, 12, 5);
        assertEquals(Duration.ZERO, one.take("user:a"));
        assertEquals(7.0, tokens("api:user:a"), 0.01, "a slice of 5 taken at once");
        OffsetDateTime asked = takenAt("api:user:a");
        for (int i = 0; i < 4; i++) {
            assertEquals(Duration.ZERO, one.take("user:a"));
        }
        assertEquals(asked, takenAt("api:user:a"), "the other 4 came from memory");
        assertEquals(Duration.ZERO, two.take("user:a"));
        assertEquals(2.0, tokens("api:user:a"), 0.01);
        // node one's next slice gets what is left (2): the 12 of the burst, no more, went to the two nodes
        assertEquals(Duration.ZERO, one.take("user:a"));
        assertEquals(Duration.ZERO, one.take("user:a"));
        assertTrue(one.take("user:a").compareTo(Duration.ZERO) > 0);
        for (int i = 0; i < 4; i++) {
            assertEquals(Duration.ZERO, two.take("user:a"), "node two still holds 4 of its slice");
        }
        assertTrue(two.take("user:a").compareTo(Duration.ZERO) > 0);
    }

    @Test
    void tokensHeldAndNotSpentGoBackToTheBucket() {
        SharedRateLimiter one = limiter(nodeOne, "api", 10, HOUR, 10, 5);
        assertEquals(Duration.ZERO, one.take("user:a"));
        assertEquals(5.0, tokens("api:user:a"), 0.01);
        nanos.addAndGet(SharedRateLimiter.HOLD.toNanos());
        // the hold is over: the 4 not spent go back as the next slice is taken
        assertEquals(Duration.ZERO, one.take("user:a"));
        assertEquals(4.0, tokens("api:user:a"), 0.01);
        SharedRateLimiter two = limiter(nodeTwo, "api", 10, HOUR, 10, 5);
        for (int i = 0; i < 4 + 4; i++) {
            assertEquals(Duration.ZERO, (i < 4 ? two : one).take("user:a"), "take " + i);
        }
        assertTrue(two.take("user:a").compareTo(Duration.ZERO) > 0, "the burst of 10 spent: 6 on node one, 4 on node two");
    }

    @Test
    void aBucketChargedOnlyOnFailureGivesBackWhatASuccessTookForEveryNode() {
        // the sign-in failures of a name: 5 a minute, 2 at once
        SharedRateLimiter one = limiter(nodeOne, "login", 5, Duration.ofMinutes(1), 2, 1);
        SharedRateLimiter two = limiter(nodeTwo, "login", 5, Duration.ofMinutes(1), 2, 1);
        for (int i = 0; i < 10; i++) {
            assertEquals(Duration.ZERO, one.take("budi"));
            one.giveBack("budi");
        }
        assertEquals(Duration.ZERO, one.take("budi"));
        assertEquals(Duration.ZERO, two.take("budi"));
        Duration wait = one.take("budi");
        // one every 12 s
        assertTrue(wait.compareTo(Duration.ofSeconds(1)) > 0 && wait.compareTo(Duration.ofSeconds(12)) <= 0, wait.toString());
        assertTrue(two.take("budi").compareTo(Duration.ZERO) > 0);
        // a right password on node two gives its token back: node one may check one more
        two.giveBack("budi");
        nanos.addAndGet(wait.toNanos());
        assertEquals(Duration.ZERO, one.take("budi"));
        assertTrue(two.take("budi").compareTo(Duration.ZERO) > 0);
    }

    @Test
    void nodesTakingAtOnceNeverShareAToken() throws Exception {
        SharedRateLimiter one = limiter(nodeOne, "api", 1, HOUR, 50, 1);
        SharedRateLimiter two = limiter(nodeTwo, "api", 1, HOUR, 50, 1);
        SharedRateLimiter slicedOne = limiter(nodeOne, "sliced", 1, HOUR, 50, 5);
        SharedRateLimiter slicedTwo = limiter(nodeTwo, "sliced", 1, HOUR, 50, 5);
        assertEquals(50, admittedAtOnce(one, two), "exactly the burst, over both nodes");
        int sliced = admittedAtOnce(slicedOne, slicedTwo);
        assertTrue(sliced <= 50 && sliced > 50 - 2 * 5, "in slices: " + sliced);
    }

    @Test
    void zeroMeansNoLimitAndNoDatabase() {
        SharedRateLimiter limiter = limiter(nodeOne, "api", 0, Duration.ofSeconds(1), 0, 1);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Duration.ZERO, limiter.take("key:a"));
        }
        assertEquals(0L, count("SELECT count(*) FROM rate_bucket"));
    }

    @Test
    void bucketsFullAgainAreDeletedAsAMissingBucketIsAFullOne() {
        SharedRateLimiter limiter = limiter(nodeOne, "login", 5, Duration.ofMinutes(1), 2, 1);
        limiter.take("a");
        limiter.take("b");
        age("login:a", Duration.ofMinutes(1));
        assertEquals(1, nodeTwo.purgeFull());
        assertEquals(1L, count("SELECT count(*) FROM rate_bucket WHERE bucket = 'login:b'"));
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SharedRateLimiter(nodeOne, "api", -1, Duration.ofSeconds(1), 5));
        assertThrows(IllegalArgumentException.class, () -> new SharedRateLimiter(nodeOne, "api", 5, Duration.ofSeconds(1), 0));
    }

    @Test
    void aSliceIsFiftyMillisecondsOfTheRate() {
        assertEquals(5, new SharedRateLimiter(nodeOne, "api", 100, Duration.ofSeconds(1), 200).slice());
        assertEquals(1, new SharedRateLimiter(nodeOne, "api", 5, Duration.ofSeconds(1), 50).slice());
        assertEquals(1, new SharedRateLimiter(nodeOne, "login", 5, Duration.ofMinutes(1), 10).slice());
        assertEquals(10, new SharedRateLimiter(nodeOne, "api", 100_000, Duration.ofSeconds(1), 10).slice(), "at most the burst");
    }

    /** 8 threads on each node, 20 takes each, all at once: how many went through. */
    private static int admittedAtOnce(SharedRateLimiter one, SharedRateLimiter two) throws Exception {
        int threads = 16;
        CyclicBarrier together = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SharedRateLimiter node = t % 2 == 0 ? one : two;
                counts.add(pool.submit(() -> {
                    together.await();
                    int admitted = 0;
                    for (int i = 0; i < 20; i++) {
                        admitted += node.take("key:1").isZero() ? 1 : 0;
                    }
                    return admitted;
                }));
            }
            int total = 0;
            for (Future<Integer> c : counts) {
                total += c.get(30, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private SharedRateLimiter limiter(RateBuckets buckets, String name, long tokens, Duration period, long burst, int slice) {
        return new SharedRateLimiter(buckets, name, tokens, period, burst, slice, nanos::get);
    }

    /** As if the bucket had been left alone {@code by} longer. */
    private static void age(String bucket, Duration by) {
        Sql.update(db.dataSource(), "ageing a bucket", "UPDATE rate_bucket SET at = at - make_interval(secs => ?),"
                + " full_at = full_at - make_interval(secs => ?) WHERE bucket = ?", (double) by.toSeconds(),
                (double) by.toSeconds(), bucket);
    }

    private static double tokens(String bucket) {
        return Sql.inTransaction(db.dataSource(), "reading a bucket", c -> {
            try (var ps = c.prepareStatement("SELECT tokens FROM rate_bucket WHERE bucket = ?")) {
                ps.setString(1, bucket);
                return Sql.first(ps, rs -> rs.getDouble(1)).orElseThrow();
            }
        });
    }

    private static OffsetDateTime takenAt(String bucket) {
        return Sql.inTransaction(db.dataSource(), "reading a bucket", c -> {
            try (var ps = c.prepareStatement("SELECT at FROM rate_bucket WHERE bucket = ?")) {
                ps.setString(1, bucket);
                return Sql.first(ps, rs -> Sql.time(rs, "at")).orElseThrow();
            }
        });
    }

    private static long count(String sql) {
        return Sql.inTransaction(db.dataSource(), "counting", c -> {
            try (var ps = c.prepareStatement(sql)) {
                return Sql.first(ps, rs -> rs.getLong(1)).orElseThrow();
            }
        });
    }
}
