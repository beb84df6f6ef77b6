package org.switchboard.hub.smpp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The deliver_sm a route has under way, bounded: each waits on its own thread of a shared pool for the application's
 * response, and a poll takes only as much new work as there is room for.
 */
final class InFlightWork {
    private final ExecutorService pool;
    private final int max;
    private final AtomicInteger under = new AtomicInteger();

    InFlightWork(ExecutorService pool, int max) {
        this.pool = pool;
        this.max = max;
    }

    /** How many more may start now. */
    int room() {
        return Math.max(0, max - under.get());
    }

    /** Runs {@code work} on the pool; a RuntimeException it throws (its outcome not recorded) goes to {@code lost}. */
    void start(Runnable work, Consumer<RuntimeException> lost) {
        under.incrementAndGet();
        pool.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                lost.accept(e);
            } finally {
                under.decrementAndGet();
            }
        });
    }
}
