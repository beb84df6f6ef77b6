package org.switchboard.hub.monitor;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.store.MessageTally;

/**
 * The database's message counts, counted again only when asked and older than {@code maxAge}: a scrape every 15 s
 * costs one query, several dashboards polling at once still one per {@code maxAge}, and nobody asking costs nothing.
 * When the database does not answer, the last counts stay (and {@link #failures} rises).
 */
public final class RecentTally {
    private static final Logger LOG = LoggerFactory.getLogger(RecentTally.class);

    private final MessageTally tally;
    private final long maxAgeNanos;
    private MessageTally.Counts counts;
    private long countedAt;
    private long failures;

    public RecentTally(MessageTally tally, Duration maxAge) {
        this.tally = tally;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** Counts no older than maxAge, or the last ones when counting failed (empty when it never succeeded). */
    public synchronized MessageTally.Counts counts() {
        long now = System.nanoTime();
        if (counts == null || now - countedAt >= maxAgeNanos) {
            try {
                counts = tally.count();
            } catch (RuntimeException e) {
                failures++;
                LOG.warn("Counting messages for the metrics failed: {}", e.getMessage());
                if (counts == null) {
                    counts = new MessageTally.Counts(Map.of());
                }
            }
            // Also after a failure: a database that is down is asked again after maxAge, not at every gauge.
            countedAt = now;
        }
        return counts;
    }

    public synchronized long failures() {
        return failures;
    }
}
