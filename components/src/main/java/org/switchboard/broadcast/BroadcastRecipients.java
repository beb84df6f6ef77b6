package org.switchboard.broadcast;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/**
 * A broadcast's recipients a page at a time, in the order they were planned (the report CSV's order), optionally only
 * those with one status as the staff see it ({@link BroadcastReport#staffStatus}).
 */
public final class BroadcastRecipients {

    /** The staff statuses and the rows each stands for. */
    private static final Map<String, String> CONDITIONS = Map.of(
            "held", "o.status = 'HELD'",
            "queued", "o.status = 'PENDING'",
            "sending", "o.status = 'SENDING'",
            "sent", "o.status = 'SENT' AND (o.delivery_status IS NULL OR o.delivery_status = 'pending')",
            "delivered", "o.status = 'SENT' AND o.delivery_status = 'delivered'",
            "failed", "(o.status = 'FAILED' OR (o.status = 'SENT' AND o.delivery_status = 'failed'))",
            "cancelled", "o.status = 'CANCELLED'");

    /** One recipient's SMS; {@code status} as the staff see it, {@code error} as recorded. */
    public record Recipient(long id, String number, String name, String text, String status, String modem,
            Integer parts, OffsetDateTime sentAt, String delivery, String error, Integer errorCode,
            boolean possibleDuplicate) {
    }

    public record Page(long total, int offset, int limit, List<Recipient> recipients) {

        public Page {
            recipients = List.copyOf(recipients);
        }
    }

    private final DataSource dataSource;

    public BroadcastRecipients(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The staff statuses a page can be narrowed to. */
    public static java.util.Set<String> statuses() {
        return new java.util.TreeSet<>(CONDITIONS.keySet());
    }

    /**
     * @param status one of {@link #statuses()}, or null for all
     * @throws IllegalArgumentException for another status
     */
    public Page page(long broadcastId, String status, int offset, int limit) {
        String condition = status == null ? "TRUE" : CONDITIONS.get(status);
        if (condition == null) {
            throw new IllegalArgumentException("unknown status " + status + "; known: " + String.join(", ", statuses()));
        }
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return Sql.inTransaction(dataSource, "reading the recipients of broadcast " + broadcastId, c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbound_sms o"
                    + " WHERE o.broadcast_id = ? AND " + condition)) {
                ps.setLong(1, broadcastId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Recipient> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.recipient, ct.name, o.text, o.status, o.modem,"
                    + " o.parts, o.sent_at, o.delivery_status, o.error, o.error_code, o.possible_duplicate"
                    + " FROM outbound_sms o LEFT JOIN contact ct ON ct.number = o.recipient"
                    + " WHERE o.broadcast_id = ? AND " + condition + " ORDER BY o.id OFFSET ? LIMIT ?")) {
                Sql.bind(ps, broadcastId, offset, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(recipient(rs));
                    }
                }
            }
            return new Page(total, offset, limit, out);
        });
    }

    private static Recipient recipient(ResultSet rs) throws SQLException {
        int parts = rs.getInt("parts");
        boolean noParts = rs.wasNull();
        int code = rs.getInt("error_code");
        boolean noCode = rs.wasNull();
        return new Recipient(rs.getLong("id"), rs.getString("recipient"), rs.getString("name"), rs.getString("text"),
                BroadcastReport.staffStatus(rs.getString("status"), rs.getString("delivery_status")),
                rs.getString("modem"), noParts ? null : parts, rs.getObject("sent_at", OffsetDateTime.class),
                rs.getString("delivery_status"), rs.getString("error"), noCode ? null : code,
                rs.getBoolean("possible_duplicate"));
    }
}
