package org.switchboard.broadcast;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/**
 * A broadcast over time, for its chart: how many of its SMS had been sent, delivered and failed by the end of each
 * of at most {@code maxBuckets} equal intervals from its confirmation (or creation) to its latest event, after a
 * first point of zeros at the start. Counts are cumulative, so the last bucket holds the totals: sent = SMS accepted by the network, delivered = those reported
 * delivered, failed = SMS given up on (as {@link Progress}).
 */
public final class BroadcastTimeline {

    /** The counts at the end of one interval. */
    public record Bucket(OffsetDateTime at, long sent, long delivered, long failed) {
    }

    // Each event once, at its time: a sent SMS when the network took it, a delivery when its report came, a failure
    // when its last attempt began (a failed SMS has no other time of its own).
    private static final String EVENTS = "SELECT o.sent_at AS t, 0 AS kind FROM outbound_sms o"
            + " WHERE o.broadcast_id = ? AND o.status = 'SENT' AND o.sent_at IS NOT NULL"
            + " UNION ALL SELECT coalesce(o.delivery_reported_at, o.sent_at), 1 FROM outbound_sms o"
            + " WHERE o.broadcast_id = ? AND o.status = 'SENT' AND o.delivery_status = 'delivered'"
            + " UNION ALL SELECT coalesce(o.claimed_at, o.created_at), 2 FROM outbound_sms o"
            + " WHERE o.broadcast_id = ? AND o.status = 'FAILED'";

    private final DataSource dataSource;

    public BroadcastTimeline(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The buckets, oldest first, after a first one of zeros at the start (confirmation); empty before anything was
     * sent or failed.
     */
    public List<Bucket> buckets(long broadcastId, int maxBuckets) {
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be at least 1");
        }
        return Sql.inTransaction(dataSource, "charting broadcast " + broadcastId, c -> {
            OffsetDateTime origin;
            OffsetDateTime last;
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT coalesce(b.confirmed_at, b.created_at)"
                    + " FROM broadcast b WHERE b.id = ?), min(e.t), max(e.t) FROM (" + EVENTS + ") e")) {
                Sql.bind(ps, broadcastId, broadcastId, broadcastId, broadcastId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    origin = rs.getObject(1, OffsetDateTime.class);
                    OffsetDateTime first = rs.getObject(2, OffsetDateTime.class);
                    last = rs.getObject(3, OffsetDateTime.class);
                    if (last == null) {
                        return List.of();
                    }
                    if (origin == null || first.isBefore(origin)) {
                        origin = first;
                    }
                }
            }
            long spanMillis = Duration.between(origin, last).toMillis() + 1;
            // whole seconds, so the chart's axis reads well
            long width = Math.max(1000, ((spanMillis + maxBuckets - 1) / maxBuckets + 999) / 1000 * 1000);
            int count = (int) Math.min(maxBuckets, (spanMillis + width - 1) / width);
            long[][] counts = new long[count][3];
            try (PreparedStatement ps = c.prepareStatement("SELECT least(?, greatest(0, floor("
                    + "extract(epoch FROM (e.t - ?)) * 1000 / ?)))::int AS k, e.kind, count(*) FROM (" + EVENTS + ") e"
                    + " GROUP BY 1, 2")) {
                Sql.bind(ps, count - 1, origin, width, broadcastId, broadcastId, broadcastId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts[rs.getInt(1)][rs.getInt(2)] += rs.getLong(3);
                    }
                }
            }
            List<Bucket> buckets = new ArrayList<>(count + 1);
            // where the chart's lines start
            buckets.add(new Bucket(origin, 0, 0, 0));
            long sent = 0;
            long delivered = 0;
            long failed = 0;
            for (int k = 0; k < count; k++) {
                sent += counts[k][0];
                delivered += counts[k][1];
                failed += counts[k][2];
                buckets.add(new Bucket(origin.plus(Duration.ofMillis(width * (k + 1))), sent, delivered, failed));
            }
            return buckets;
        });
    }
}
