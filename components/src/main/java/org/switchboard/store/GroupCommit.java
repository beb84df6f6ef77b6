package org.switchboard.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Stores concurrent requests together (sendsms requests, SMPP submit_sm): each request waits for its rows to be
 * committed (a 202 or a submit_sm_resp says the SMS is stored), but the requests that arrive while one transaction
 * commits share the next one, so a burst costs a few commits (and fsyncs) rather than one per request. A failing
 * group is stored again request by request, so one bad request fails alone. Writers are plain threads that only ever wait on the queue or the database.
 */
public final class GroupCommit<T, R> implements AutoCloseable {
    private record Pending<T, R>(List<T> rows, CompletableFuture<List<R>> done) {
    }

    private final BlockingQueue<Pending<T, R>> queue;
    private final Function<List<T>, List<R>> store;
    private final int maxRows;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param name    names the writer threads ({@code name-commit-N})
     * @param store   stores rows in one transaction and returns what each became (their ids), in order
     * @param writers transactions under way at once (each with its own connection)
     * @param maxRows the most rows one transaction takes (a request is never split)
     */
    public GroupCommit(String name, Function<List<T>, List<R>> store, int writers, int maxRows, int capacity) {
        this.store = store;
        this.maxRows = maxRows;
        this.queue = new ArrayBlockingQueue<>(capacity);
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::run, name + "-commit-" + i);
            t.setDaemon(true);
            t.start();
            this.writers.add(t);
        }
    }

    /**
     * Queues a request's rows; the future completes with their ids once committed, or exceptionally. Refused at once
     * (a failed future) when the queue is full: the caller answers "try again" rather than wait without bound.
     */
    public CompletableFuture<List<R>> submit(List<T> rows) {
        CompletableFuture<List<R>> done = new CompletableFuture<>();
        if (closed || !queue.offer(new Pending<>(List.copyOf(rows), done))) {
            done.completeExceptionally(new IllegalStateException(closed ? "stopping" : "too many requests waiting"));
        }
        return done;
    }

    /**
     * One row, stored with whatever else is waiting, and waited for without a bound: what it became, or the store's
     * failure thrown as it was (a {@link RuntimeException}), or {@link IllegalStateException} when the queue is full
     * or stopping. For callers inside the hub that hold no client waiting on a deadline.
     */
    public R commitOne(T row) throws InterruptedException {
        try {
            return submit(List.of(row)).get().get(0);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        List<Pending<T, R>> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending<T, R> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int rows = first.rows().size();
                Pending<T, R> next;
                while (rows < maxRows && (next = queue.peek()) != null && rows + next.rows().size() <= maxRows) {
                    next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    group.add(next);
                    rows += next.rows().size();
                }
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Pending<T, R>> group) {
        List<T> all = new ArrayList<>();
        for (Pending<T, R> p : group) {
            all.addAll(p.rows());
        }
        List<R> ids;
        try {
            ids = store.apply(all);
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(e);
                return;
            }
            for (Pending<T, R> p : group) {
                try {
                    p.done().complete(store.apply(p.rows()));
                } catch (RuntimeException alone) {
                    p.done().completeExceptionally(alone);
                }
            }
            return;
        }
        int at = 0;
        for (Pending<T, R> p : group) {
            p.done().complete(ids.subList(at, at + p.rows().size()));
            at += p.rows().size();
        }
    }

    /** Stores what is queued, then stops the writers. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : writers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
