package org.switchboard.voicemail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * NOTIFYs recorded and decided per second on PostgreSQL (127.0.0.1:5432), one transaction each, from a few threads
 * over 500 mailboxes with counts that rise, repeat and fall. Prints the rate; asserts nothing. Arguments: [notifies] [threads].
 */
public final class VoicemailStoreBench {

    private VoicemailStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int notifies = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (TestDatabase db = TestDatabases.create()) {
            VoicemailStore store = new VoicemailStore(db.dataSource());
            AtomicLong next = new AtomicLong();
            AtomicLong notified = new AtomicLong();
            run(store, threads, Math.min(2_000, notifies), next, new AtomicLong());
            next.set(0);
            long start = System.nanoTime();
            run(store, threads, notifies, next, notified);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "voicemail store: %,d NOTIFYs recorded and decided, %d threads, pool of 10"
                    + " connections: %.1f s, %,.0f NOTIFYs/s (goal >= 2,000), %,d notified%n",
                    notifies, threads, seconds, notifies / seconds, notified.get());
        }
    }

    private static void run(VoicemailStore store, int threads, int notifies, AtomicLong next, AtomicLong notified)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (long n; (n = next.getAndIncrement()) < notifies; ) {
                        String mailbox = Long.toString(1000 + n % 500);
                        int newCount = (int) ((n / 500) % 4); // 0,1,2,3 then back to 0: rises, and a fall
                        if (store.record(mailbox, new VoicemailCounts(newCount, 5), "127.0.0.1:5060").notifyOwner()) {
                            notified.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
