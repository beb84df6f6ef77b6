package org.switchboard.voicemail;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
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
                return Sql.list(ps, rs -> new Owed(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        new VoicemailCounts(rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)),
                        rs.getLong(8), rs.getInt(9)));
            }
        });
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
