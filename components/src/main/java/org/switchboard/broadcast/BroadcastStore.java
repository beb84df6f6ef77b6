package org.switchboard.broadcast;

import org.switchboard.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Broadcasts after planning: finding them (by id or by the preview email a staff member answers), confirming,
 * cancelling, their progress, and which ones are ready for their report. Each method is one short transaction.
 */
public final class BroadcastStore {

    private static final String COLUMNS = "id, requested_by, source, source_ref, segment, filter::text AS filter,"
            + " template, status, recipients, opted_out, invalid, duplicates, parts, preview_message_id,"
            + " report_message_id, created_at, confirmed_at, finished_at, reported_at";

    private final DataSource dataSource;

    public BroadcastStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public Optional<Broadcast> find(long id) {
        return Sql.inTransaction(dataSource, "reading broadcast " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM broadcast WHERE id = ?")) {
                ps.setLong(1, id);
                return Sql.first(ps, BroadcastStore::broadcast);
            }
        });
    }

    /** A page of broadcasts, newest first. */
    public List<Broadcast> list(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return Sql.inTransaction(dataSource, "listing broadcasts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM broadcast"
                    + " ORDER BY id DESC OFFSET ? LIMIT ?")) {
                Sql.bind(ps, offset, limit);
                return Sql.list(ps, BroadcastStore::broadcast);
            }
        });
    }

    public long count() {
        return Sql.inTransaction(dataSource, "counting broadcasts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM broadcast");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * The broadcast whose preview email has this Message-ID (from a reply's In-Reply-To or References). Matches
     * with and without the angle brackets, since mail clients and parsers differ in keeping them.
     */
    public Optional<Broadcast> findByPreviewMessageId(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return Optional.empty();
        }
        String bare = messageId.strip().replaceAll("^<|>$", "");
        return Sql.inTransaction(dataSource, "looking up preview " + messageId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM broadcast"
                    + " WHERE preview_message_id = ANY (?) ORDER BY id DESC LIMIT 1")) {
                ps.setArray(1, c.createArrayOf("text", new String[] {bare, "<" + bare + ">"}));
                return Sql.first(ps, BroadcastStore::broadcast);
            }
        });
    }

    /** Records the preview email's Message-ID, so that a reply to it finds the broadcast. */
    public boolean setPreviewMessageId(long id, String messageId) {
        return Sql.update(dataSource, "recording the preview of broadcast " + id,
                "UPDATE broadcast SET preview_message_id = ? WHERE id = ?", messageId, id) > 0;
    }

    /**
     * Releases a held broadcast: AWAITING_CONFIRMATION becomes SENDING and its HELD SMS PENDING. Returns true when
     * this call confirmed it; false when it was not awaiting confirmation (confirmed already, cancelled, done or
     * unknown), in which case nothing changes, so a second YES is harmless.
     */
    public boolean confirm(long id) {
        return Sql.inTransaction(dataSource, "confirming broadcast " + id, c -> {
            if (Sql.update(c, "UPDATE broadcast SET status = 'SENDING', confirmed_at = now()"
                    + " WHERE id = ? AND status = 'AWAITING_CONFIRMATION'", id) == 0) {
                return false;
            }
            Sql.update(c, "UPDATE outbound_sms SET status = 'PENDING' WHERE broadcast_id = ? AND status = 'HELD'", id);
            return true;
        });
    }

    /**
     * Cancels a broadcast that is awaiting confirmation or sending: its HELD and PENDING SMS become CANCELLED; those
     * already with a modem (SENDING) or sent stay as they are, and one that fails with the modem is CANCELLED rather
     * than queued again (OutboundQueue), so it is not sent after the cancel. Returns false when it was done or
     * cancelled already, or unknown. A broadcast cancelled before it was confirmed gets no report; one cancelled while
     * sending does.
     */
    public boolean cancel(long id) {
        return Sql.inTransaction(dataSource, "cancelling broadcast " + id, c -> {
            if (Sql.update(c, "UPDATE broadcast SET status = 'CANCELLED', finished_at = now()"
                    + " WHERE id = ? AND status IN ('AWAITING_CONFIRMATION', 'SENDING')", id) == 0) {
                return false;
            }
            // The dispatcher claims rows with FOR UPDATE SKIP LOCKED: a row it holds is SENDING by the time this
            // update gets its lock, and stays so.
            Sql.update(c, "UPDATE outbound_sms SET status = 'CANCELLED', next_attempt_at = NULL"
                    + " WHERE broadcast_id = ? AND status IN ('HELD', 'PENDING')", id);
            return true;
        });
    }

    public Progress progress(long id) {
        return Sql.inTransaction(dataSource, "counting the SMS of broadcast " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT"
                    + " count(*) FILTER (WHERE status = 'HELD'),"
                    + " count(*) FILTER (WHERE status = 'PENDING'),"
                    + " count(*) FILTER (WHERE status = 'SENDING'),"
                    + " count(*) FILTER (WHERE status = 'SENT'),"
                    + " count(*) FILTER (WHERE status = 'SENT' AND delivery_status = 'delivered'),"
                    + " count(*) FILTER (WHERE status = 'FAILED'),"
                    + " count(*) FILTER (WHERE status = 'CANCELLED'),"
                    + " count(*) FILTER (WHERE possible_duplicate)"
                    + " FROM outbound_sms WHERE broadcast_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Progress(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8));
                }
            }
        });
    }

    /**
     * Broadcasts ready for their report, oldest first: SENDING, with no SMS left held, queued or with a modem, and
     * either every sent SMS has a final status report (delivered or failed; "pending" means the network is still
     * trying) or the last one went out more than {@code grace} ago, since status reports may come late or never.
     */
    public List<Long> dueForReport(Duration grace) {
        OffsetDateTime sentBefore = OffsetDateTime.now().minus(grace);
        return Sql.inTransaction(dataSource, "finding broadcasts due for their report", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT b.id FROM broadcast b WHERE " + DUE_FOR_REPORT
                    + " ORDER BY b.id")) {
                ps.setObject(1, sentBefore);
                return Sql.list(ps, rs -> rs.getLong(1));
            }
        });
    }

    /**
     * {@link #dueForReport} for node {@code node} to report: each broadcast is claimed for {@code lease} (longer than
     * writing and mailing a report takes), so that a node taking over the reports from a dead one, or one that still
     * believes it leads, never mails the same report while the first may be mailing it. Oldest first.
     */
    public List<Long> claimForReport(Duration grace, String node, Duration lease) {
        OffsetDateTime sentBefore = OffsetDateTime.now().minus(grace);
        return Sql.inTransaction(dataSource, "claiming broadcasts due for their report", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE broadcast r SET report_node = ?,"
                    + " report_lease_until = now() + ? * interval '1 millisecond'"
                    + " FROM (SELECT b.id FROM broadcast b WHERE " + DUE_FOR_REPORT
                    + "  AND (b.report_lease_until IS NULL OR b.report_lease_until < now())"
                    + "  ORDER BY b.id FOR UPDATE OF b SKIP LOCKED) due WHERE r.id = due.id RETURNING r.id")) {
                Sql.bind(ps, node, lease.toMillis(), sentBefore);
                return Sql.list(ps, rs -> rs.getLong(1)).stream().sorted().toList();
            }
        });
    }

    /**
     * A broadcast whose report is due: every row final and, unless the last one went out before the parameter (the
     * grace for late status reports), every SENT row's status report in. A broadcast cancelled after it had started
     * sending ended too: its sender learns who got the SMS.
     */
    private static final String DUE_FOR_REPORT = "b.reported_at IS NULL"
            + " AND (b.status = 'SENDING' OR (b.status = 'CANCELLED' AND b.confirmed_at IS NOT NULL))"
            + " AND NOT EXISTS (SELECT 1 FROM outbound_sms o WHERE o.broadcast_id = b.id"
            + "                 AND o.status IN ('HELD', 'PENDING', 'SENDING'))"
            + " AND (NOT EXISTS (SELECT 1 FROM outbound_sms o WHERE o.broadcast_id = b.id AND o.status = 'SENT'"
            + "                  AND (o.delivery_status IS NULL OR o.delivery_status = 'pending'))"
            + "      OR (SELECT max(o.sent_at) FROM outbound_sms o"
            + "          WHERE o.broadcast_id = b.id AND o.status = 'SENT') < ?)";

    /** The report of broadcast {@code id} did not go out (SMTP refused it): due again at the next poll. */
    public void releaseReport(long id) {
        Sql.update(dataSource, "releasing the report of broadcast " + id, "UPDATE broadcast SET report_lease_until = NULL"
                + " WHERE id = ? AND reported_at IS NULL", id);
    }

    /**
     * The report went out with this Message-ID: a SENDING broadcast is DONE, a cancelled one stays CANCELLED. False
     * when it was reported already.
     */
    public boolean markReported(long id, String reportMessageId) {
        return Sql.update(dataSource, "marking broadcast " + id + " reported", "UPDATE broadcast SET"
                + " status = CASE WHEN status = 'SENDING' THEN 'DONE' ELSE status END,"
                + " report_message_id = ?, finished_at = coalesce(finished_at, now()), reported_at = now()"
                + " WHERE id = ? AND reported_at IS NULL AND status IN ('SENDING', 'CANCELLED')", reportMessageId, id) > 0;
    }

    static Broadcast broadcast(ResultSet rs) throws SQLException {
        return new Broadcast(
                rs.getLong("id"),
                rs.getString("requested_by"),
                rs.getString("source"),
                rs.getString("source_ref"),
                rs.getString("segment"),
                Filters.fromJson(rs.getString("filter")),
                rs.getString("template"),
                BroadcastStatus.valueOf(rs.getString("status")),
                rs.getInt("recipients"),
                rs.getInt("opted_out"),
                rs.getInt("invalid"),
                rs.getInt("duplicates"),
                rs.getLong("parts"),
                rs.getString("preview_message_id"),
                rs.getString("report_message_id"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("confirmed_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class),
                rs.getObject("reported_at", OffsetDateTime.class));
    }
}
