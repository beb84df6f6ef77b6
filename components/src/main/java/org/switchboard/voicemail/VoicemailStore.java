package org.switchboard.voicemail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.switchboard.store.Sql;
import org.switchboard.store.StoreException;

/**
 * Voicemail in SQL: every NOTIFY received, the decision whether it tells the owner (a rising new count does, an
 * unchanged or falling one does not), and the claims that forward each Asterisk voicemail email once.
 */
public final class VoicemailStore {

    /**
     * One statement, so one short transaction per NOTIFY: the upsert takes the mailbox's row lock, so of two
     * concurrent NOTIFYs with the same rise the second waits, sees the first one's notified_new and does not notify.
     * The NOTIFY's row is written from the upsert's result in the same statement.
     */
    private static final String RECORD = """
            WITH state AS (
                INSERT INTO voicemail_mailbox AS m (mailbox, new_count, old_count, urgent_new, urgent_old, notified_new,
                        last_notified, last_change, previous_notified, notifications, updated_at, notified_at)
                VALUES (?, ?, ?, ?, ?, ?, ? > 0, 'FIRST', 0, CASE WHEN ? > 0 THEN 1 ELSE 0 END, now(),
                        CASE WHEN ? > 0 THEN now() END)
                ON CONFLICT (mailbox) DO UPDATE SET
                    new_count = excluded.new_count,
                    old_count = excluded.old_count,
                    urgent_new = excluded.urgent_new,
                    urgent_old = excluded.urgent_old,
                    -- a rise is remembered once notified; a fall too, so that the next rise notifies again
                    notified_new = excluded.new_count,
                    last_notified = excluded.new_count > m.notified_new,
                    last_change = CASE WHEN excluded.new_count > m.notified_new THEN 'ROSE'
                                       WHEN excluded.new_count = m.notified_new THEN 'SAME' ELSE 'FELL' END,
                    previous_notified = m.notified_new,
                    notifications = m.notifications + CASE WHEN excluded.new_count > m.notified_new THEN 1 ELSE 0 END,
                    updated_at = now(),
                    notified_at = CASE WHEN excluded.new_count > m.notified_new THEN now() ELSE m.notified_at END
                RETURNING last_notified, last_change, previous_notified, notifications
            ), notify AS (
                INSERT INTO voicemail_notify (mailbox, new_count, old_count, urgent_new, urgent_old, source, notified)
                SELECT ?, ?, ?, ?, ?, ?, state.last_notified FROM state
                RETURNING id
            ), owed AS (
                INSERT INTO voicemail_notification (mailbox, notification, new_count, old_count, urgent_new, urgent_old,
                        notify_id)
                SELECT ?, state.notifications, ?, ?, ?, ?, notify.id FROM state, notify WHERE state.last_notified
                ON CONFLICT (mailbox, notification) DO NOTHING
            )
            SELECT state.last_notified, state.last_change, state.previous_notified, state.notifications, notify.id
            FROM state, notify""";

    private final DataSource dataSource;

    public VoicemailStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Stores one NOTIFY's counts and decides, in the same transaction, whether it tells the owner.
     *
     * @param source the sender's address (host:port), for the journal; may be null
     */
    public Decision record(String mailbox, VoicemailCounts counts, String source) {
        Objects.requireNonNull(counts, "counts");
        if (mailbox == null || mailbox.isBlank()) {
            throw new IllegalArgumentException("no mailbox");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RECORD)) {
            int i = 1;
            ps.setString(i++, mailbox);
            i = counts(ps, i, counts);
            ps.setInt(i++, counts.newCount());
            ps.setInt(i++, counts.newCount());
            ps.setInt(i++, counts.newCount());
            ps.setInt(i++, counts.newCount());
            ps.setString(i++, mailbox);
            i = counts(ps, i, counts);
            ps.setString(i++, source);
            // the notification owed, if this NOTIFY decides one: sent by its own route (VoicemailOutbox)
            ps.setString(i++, mailbox);
            counts(ps, i, counts);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean notify = rs.getBoolean(1);
                String change = rs.getString(2);
                int previous = rs.getInt(3);
                return new Decision(notify, mailbox, counts, rs.getLong(4), rs.getLong(5),
                        reason(change, previous, counts.newCount()));
            }
        } catch (SQLException e) {
            throw new StoreException("recording a voicemail NOTIFY for mailbox " + mailbox, e);
        }
    }

    private static int counts(PreparedStatement ps, int i, VoicemailCounts counts) throws SQLException {
        ps.setInt(i++, counts.newCount());
        ps.setInt(i++, counts.oldCount());
        ps.setInt(i++, counts.urgentNew());
        ps.setInt(i++, counts.urgentOld());
        return i;
    }

    private static String reason(String change, int previous, int now) {
        return switch (change) {
            case "FIRST" -> now > 0 ? "first NOTIFY for this mailbox, " + now + " new" : "first NOTIFY, no new messages";
            case "ROSE" -> "new count rose from " + previous + " to " + now;
            case "SAME" -> "new count unchanged (" + now + ")";
            default -> "new count fell from " + previous + " to " + now + " (messages listened to)";
        };
    }

    /** The counts last seen for {@code mailbox}, if any NOTIFY named it. */
    Optional<MailboxState> state(String mailbox) {
        return Sql.inTransaction(dataSource, "reading voicemail mailbox " + mailbox, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT new_count, old_count, urgent_new, urgent_old,"
                    + " notified_new, notifications, updated_at, notified_at FROM voicemail_mailbox WHERE mailbox = ?")) {
                ps.setString(1, mailbox);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new MailboxState(mailbox,
                            new VoicemailCounts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)), rs.getInt(5),
                            rs.getLong(6), Sql.time(rs, "updated_at"), Sql.time(rs, "notified_at")));
                }
            }
        });
    }

    /** The newest NOTIFYs received for {@code mailbox}, newest first. */
    List<ReceivedNotify> notifies(String mailbox, int limit) {
        return Sql.inTransaction(dataSource, "reading voicemail NOTIFYs of " + mailbox, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, new_count, old_count, urgent_new, urgent_old,"
                    + " source, notified, received_at FROM voicemail_notify WHERE mailbox = ? ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, mailbox);
                ps.setInt(2, limit);
                return Sql.list(ps, rs -> new ReceivedNotify(rs.getLong(1), mailbox,
                        new VoicemailCounts(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)),
                        rs.getString(6), rs.getBoolean(7), Sql.time(rs, "received_at")));
            }
        });
    }

    /**
     * Claims the forwarding of the Asterisk voicemail email {@code messageId}: true for the first claim only, so
     * an email IMAP shows again (a restart, a second reader) is forwarded once.
     */
    public boolean claimForward(String messageId, String mailbox, String caller) {
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("no Message-ID to claim");
        }
        return Sql.update(dataSource, "claiming voicemail email " + messageId, "INSERT INTO voicemail_forward"
                + " (message_id, mailbox, caller) VALUES (?, ?, ?) ON CONFLICT (message_id) DO NOTHING",
                messageId, mailbox, caller) == 1;
    }

    /** Whether the Asterisk voicemail email {@code messageId} was forwarded already. */
    public boolean forwarded(String messageId) {
        return Sql.inTransaction(dataSource, "looking up voicemail email " + messageId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM voicemail_forward WHERE message_id = ?")) {
                ps.setString(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Gives a claim back when the forward could not be sent, so the next reading of the email tries again. */
    void releaseForward(String messageId) {
        Sql.update(dataSource, "releasing voicemail email " + messageId,
                "DELETE FROM voicemail_forward WHERE message_id = ?", messageId);
    }

    /** A mailbox's last counts, the new count last notified (or lowered to) and how many notifications it had. */
    public record MailboxState(String mailbox, VoicemailCounts counts, int notifiedNew, long notifications,
            OffsetDateTime updatedAt, OffsetDateTime notifiedAt) {
    }

    /** One stored NOTIFY. */
    public record ReceivedNotify(long id, String mailbox, VoicemailCounts counts, String source, boolean notified,
            OffsetDateTime receivedAt) {
    }
}
