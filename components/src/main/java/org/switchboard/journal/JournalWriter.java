package org.switchboard.journal;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes journal hops in the background, in JDBC batches, so that a route never waits for the journal's
 * commit. Nothing recorded is dropped: when the queue is full, {@link #record} waits for room; when the
 * database fails, the writer keeps the batch and retries with back-off.
 */
public final class JournalWriter implements AutoCloseable {

    public static final int DEFAULT_CAPACITY = 100_000;
    public static final int BATCH_SIZE = 500;

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    private static final String INSERT = "INSERT INTO journal (message_kind, message_id, hop, at, route, detail, error)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final long POLL_MILLIS = 100;
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration FULL_QUEUE_WARNING = Duration.ofSeconds(1);

    private final DataSource dataSource;
    // Hops, and flush markers that complete once every hop queued before them is committed.
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final Duration closeTimeout;
    private volatile boolean closing;

    public JournalWriter(DataSource dataSource) {
        this(dataSource, DEFAULT_CAPACITY, Duration.ofSeconds(10));
    }

    /** @param closeTimeout how long {@link #close} keeps trying to write what is queued when the database is down */
    public JournalWriter(DataSource dataSource, int capacity, Duration closeTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.closeTimeout = closeTimeout;
        this.thread = new Thread(this::run, "journal-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a hop; returns at once unless the queue is full, then waits for room (the database is behind). */
    public void record(Hop hop) {
        Objects.requireNonNull(hop, "hop");
        if (closing) {
            writeNow(hop);
            return;
        }
        enqueue(hop);
        // close() may have drained the queue and stopped the thread between the check and the offer.
        if (closing && !thread.isAlive() && queue.remove(hop)) {
            writeNow(hop);
        }
    }

    /** Waits until every hop recorded before this call is committed. */
    public void flush() {
        flush(Duration.ofDays(1));
    }

    /** As {@link #flush()}, but gives up after {@code timeout}; returns whether everything was committed. */
    public boolean flush(Duration timeout) {
        CompletableFuture<Void> marker = new CompletableFuture<>();
        enqueue(marker);
        try {
            marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("journal writer stopped", e.getCause());
        }
    }

    /** Hops committed so far. */
    long written() {
        return written.get();
    }

    /** Writes what is queued (for at most the close timeout), then stops the writer thread. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        boolean flushed = !thread.isAlive() || flush(closeTimeout);
        closing = true;
        thread.interrupt();
        try {
            thread.join(closeTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!flushed) {
            LOG.error("journal closed with {} hop(s) not written: the database did not accept them within {}",
                    queue.size(), closeTimeout);
        }
    }

    private void enqueue(Object item) {
        long waitingSince = System.nanoTime();
        boolean warned = false;
        try {
            while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!warned && System.nanoTime() - waitingSince > FULL_QUEUE_WARNING.toNanos()) {
                    LOG.warn("journal queue full ({} entries): callers wait for the database", queue.size());
                    warned = true;
                }
                if (!thread.isAlive()) {
                    throw new IllegalStateException("journal writer is not running");
                }
            }
        } catch (InterruptedException e) {
            // Keep the hop: an interrupted caller (a stopping route) still gets its row written.
            Thread.currentThread().interrupt();
            writeNow(item);
        }
    }

    private void run() {
        List<Object> batch = new ArrayList<>(BATCH_SIZE);
        while (!closing || !queue.isEmpty()) {
            try {
                Object first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH_SIZE - 1);
                writeWithRetry(batch);
            } catch (InterruptedException e) {
                // close() wakes the thread; the loop's condition decides whether there is still work.
            } catch (RuntimeException e) {
                // Never let the thread die: a dead writer would block every route once the queue fills.
                LOG.error("journal writer: unexpected failure, continuing", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void writeWithRetry(List<Object> batch) {
        List<Hop> hops = new ArrayList<>(batch.size());
        for (Object item : batch) {
            if (item instanceof Hop hop) {
                hops.add(hop);
            }
        }
        Duration backoff = MIN_BACKOFF;
        SQLException lost = null;
        while (true) {
            try {
                insert(hops);
                written.addAndGet(hops.size());
                break;
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    insertOneByOne(hops);
                    break;
                }
                if (closing) {
                    // close() already waited its timeout for the database.
                    LOG.error("journal: {} hop(s) lost at close, the database is unavailable: {}", hops.size(), e.getMessage());
                    lost = e;
                    break;
                }
                LOG.warn("journal: cannot write {} hop(s), retrying in {} ms: {}", hops.size(), backoff.toMillis(), e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    // close() wants us to hurry: one more attempt, then give up.
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        for (Object item : batch) {
            if (item instanceof CompletableFuture<?> marker) {
                if (lost == null) {
                    marker.complete(null);
                } else {
                    marker.completeExceptionally(lost);
                }
            }
        }
    }

    // A row the database refuses for its content would fail every retry of its batch; write the rows
    // singly so that only the bad one is lost, and logged.
    private void insertOneByOne(List<Hop> hops) {
        for (Hop hop : hops) {
            try {
                insert(List.of(hop));
                written.incrementAndGet();
            } catch (SQLException e) {
                if (isTransient(e)) {
                    writeWithRetry(List.of(hop));
                } else {
                    LOG.error("journal: the database refused {}: {}", hop, e.getMessage());
                }
            }
        }
    }

    private void writeNow(Object item) {
        if (item instanceof Hop hop) {
            try {
                insert(List.of(hop));
                written.incrementAndGet();
            } catch (SQLException e) {
                LOG.error("journal: {} not written after close: {}", hop, e.getMessage());
            }
        } else if (item instanceof CompletableFuture<?> marker) {
            marker.complete(null);
        }
    }

    private void insert(List<Hop> hops) throws SQLException {
        if (hops.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Hop hop : hops) {
                    ps.setString(1, hop.messageKind());
                    ps.setLong(2, hop.messageId());
                    ps.setString(3, hop.hop());
                    ps.setObject(4, hop.at());
                    ps.setString(5, hop.route());
                    ps.setString(6, hop.detail());
                    ps.setString(7, hop.error());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    // Data exceptions (22) and integrity violations (23) come from the row itself and fail however long we
    // wait; anything else (connection lost, server restarting, a missing grant being fixed) is worth retrying.
    private static boolean isTransient(SQLException e) {
        SQLException cause = e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        String state = cause.getSQLState();
        if (state == null || state.length() < 2) {
            return true;
        }
        String cls = state.substring(0, 2);
        return !(cls.equals("22") || cls.equals("23"));
    }
}
