package org.switchboard.voicemail;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/**
 * The notifications owners are owed ({@link VoicemailStore#record} writes them with the decision): due ones read,
 * then marked sent, retried later or given up, as the SMS email outbox does for inbound SMS.
 */
public final class VoicemailOutbox {

    /** One notification owed to a mailbox's owner. */
    public record Owed(long id, String mailbox, long notification, VoicemailCounts counts, long notifyId, int attempts) {
    }

    private final DataSource dataSource;

    public VoicemailOutbox(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Notifications due at {@code now}, oldest first. */
    public List<Owed> due(int limit, OffsetDateTime now) {
        return Sql.inTransaction(dataSource, "reading the voicemail notifications due", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, mailbox, notification, new_count, old_count,"
                    + " urgent_new, urgent_old, notify_id, attempts FROM voicemail_notification WHERE status = 'PENDING'"
                    + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?")) {
                Sql.bind(ps, now, limit);
                return Sql.list(ps, VoicemailOutbox::owed);
            }
        });
    }

    /**
     * Takes up to {@code limit} notifications due now, oldest first, for node {@code node}: each is due again only when
     * {@code lease} (longer than sending one takes) has run out, so that no other node sends it meanwhile, and one a
     * crash interrupted goes out when it has.
     */
    public List<Owed> claim(int limit, String node, Duration lease) {
        return Sql.inTransaction(dataSource, "claiming the voicemail notifications due", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE voicemail_notification v SET node_id = ?,"
                    + " next_attempt_at = now() + ? * interval '1 millisecond'"
                    + " FROM (SELECT id FROM voicemail_notification WHERE status = 'PENDING'"
                    + "  AND (next_attempt_at IS NULL OR next_attempt_at <= now()) ORDER BY id LIMIT ?"
                    + "  FOR UPDATE SKIP LOCKED) due WHERE v.id = due.id"
                    + " RETURNING v.id, v.mailbox, v.notification, v.new_count, v.old_count, v.urgent_new,"
                    + " v.urgent_old, v.notify_id, v.attempts")) {
                Sql.bind(ps, node, lease.toMillis(), limit);
                List<Owed> owed = new java.util.ArrayList<>(Sql.list(ps, VoicemailOutbox::owed));
                owed.sort(Comparator.comparingLong(Owed::id));
                return owed;
            }
        });
    }

    private static Owed owed(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Owed(rs.getLong(1), rs.getString(2), rs.getLong(3),
                new VoicemailCounts(rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)), rs.getLong(8),
                rs.getInt(9));
    }

    public boolean markSent(long id) {
        return updated("UPDATE voicemail_notification SET status = 'SENT', sent_at = now(), attempts = attempts + 1,"
                + " error = NULL, next_attempt_at = NULL WHERE id = ? AND status = 'PENDING'", id);
    }

    public boolean markRetry(long id, String error, OffsetDateTime next) {
        return updated("UPDATE voicemail_notification SET attempts = attempts + 1, error = ?, next_attempt_at = ?"
                + " WHERE id = ? AND status = 'PENDING'", error, next, id);
    }

    public boolean markFailed(long id, String error) {
        return updated("UPDATE voicemail_notification SET status = 'FAILED', attempts = attempts + 1, error = ?,"
                + " next_attempt_at = NULL WHERE id = ? AND status = 'PENDING'", error, id);
    }

    private boolean updated(String sql, Object... args) {
        return Sql.update(dataSource, "updating a voicemail notification", sql, args) > 0;
    }
}
