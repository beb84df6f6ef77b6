package org.switchboard.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The outbound SMS table as a dispatch queue: one modem's dispatcher claims one due row at a time (single SMS in lane 0
 * before broadcasts in lane 1), then reports what became of it. A row is SENDING only while one modem has it in hand,
 * so after a crash only those rows can go out twice. Each method is one short transaction.
 */
public final class OutboundQueue {
    private final DataSource dataSource;

    public OutboundQueue(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Takes the next due SMS for {@code modem}: lane 0 before lane 1, oldest first; it becomes SENDING with one more
     * attempt. SKIP LOCKED lets every modem's dispatcher (and other hub nodes) claim at once without ever getting the
     * same row, and without waiting for each other. Empty when nothing is due at {@code now}.
     */
    public Optional<OutboundSms> claim(String modem, OffsetDateTime now) {
        return Sql.inTransaction(dataSource, "claiming an outbound SMS for " + modem, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_sms o SET status = 'SENDING', modem = ?,"
                    + " attempts = o.attempts + 1, claimed_at = ?"
                    + " FROM (SELECT id FROM outbound_sms WHERE status = 'PENDING'"
                    + "       AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
                    + "       ORDER BY lane, id LIMIT 1 FOR UPDATE SKIP LOCKED) due"
                    + " WHERE o.id = due.id RETURNING " + prefixed("o.", Sql.OUTBOUND_COLUMNS))) {
                ps.setString(1, modem);
                ps.setObject(2, now);
                ps.setObject(3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Sql.outbound(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The modem accepted every part; {@code refs} are its message references, in part order. */
    public boolean markSent(long id, String modem, int parts, List<Integer> refs) {
        return Sql.inTransaction(dataSource, "marking outbound SMS " + id + " sent", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_sms SET status = 'SENT', modem = ?, parts = ?,"
                    + " message_refs = ?, sent_at = now(), error = NULL, error_code = NULL, next_attempt_at = NULL"
                    + " WHERE id = ?")) {
                ps.setString(1, modem);
                ps.setInt(2, parts);
                ps.setArray(3, c.createArrayOf("integer", refs == null ? new Integer[0] : refs.toArray(new Integer[0])));
                ps.setLong(4, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * The recipient's side failed in a way a later attempt may cure: back to PENDING, due at {@code next}. With
     * {@code possiblySent} the SMS may have gone out already, and the row says so from now on. False unless the row was
     * SENDING or PENDING.
     */
    public boolean retryLater(long id, String error, Integer errorCode, OffsetDateTime next, boolean possiblySent) {
        return update("scheduling a retry of outbound SMS " + id, "UPDATE outbound_sms SET status = 'PENDING',"
                + " error = ?, error_code = ?, next_attempt_at = ?, claimed_at = NULL,"
                + " possible_duplicate = possible_duplicate OR ? WHERE id = ? AND status IN ('SENDING', 'PENDING')",
                error, errorCode, next, possiblySent, id) > 0;
    }

    /**
     * The modem failed, not the recipient: back to PENDING and due now, for another modem to take, and the attempt is
     * not counted against the recipient's budget. False unless the row was SENDING.
     */
    public boolean requeueAfterModemFault(long id, String error, Integer errorCode, boolean possiblySent) {
        return update("requeueing outbound SMS " + id + " after a modem fault", "UPDATE outbound_sms SET"
                + " status = 'PENDING', attempts = GREATEST(attempts - 1, 0), error = ?, error_code = ?,"
                + " next_attempt_at = NULL, claimed_at = NULL, possible_duplicate = possible_duplicate OR ?"
                + " WHERE id = ? AND status = 'SENDING'", error, errorCode, possiblySent, id) > 0;
    }

    /** Gives up on this SMS, keeping why and the +CMS/+CME code. False unless it was SENDING or PENDING. */
    public boolean fail(long id, String error, Integer errorCode) {
        return update("marking outbound SMS " + id + " failed", "UPDATE outbound_sms SET status = 'FAILED', error = ?,"
                + " error_code = ?, next_attempt_at = NULL, claimed_at = NULL"
                + " WHERE id = ? AND status IN ('SENDING', 'PENDING')", error, errorCode, id) > 0;
    }

    /**
     * At start-up: rows left SENDING by a crash go back to PENDING, due now, marked possible_duplicate, since the modem
     * may have accepted them before the crash (at most one per modem). The interrupted attempt still counts, so an SMS
     * that crashes the hub cannot loop forever. Call this only while no other dispatcher shares the database: with
     * several hub nodes, use {@link #requeueInterrupted(OffsetDateTime)}. Returns how many rows went back.
     */
    public int requeueInterrupted() {
        return update("requeueing SMS left SENDING", "UPDATE outbound_sms SET status = 'PENDING', claimed_at = NULL,"
                + " next_attempt_at = NULL, possible_duplicate = true WHERE status = 'SENDING'");
    }

    /** As {@link #requeueInterrupted()}, but only for claims taken before {@code claimedBefore} (a lease). */
    public int requeueInterrupted(OffsetDateTime claimedBefore) {
        return update("requeueing SMS left SENDING", "UPDATE outbound_sms SET status = 'PENDING', claimed_at = NULL,"
                + " next_attempt_at = NULL, possible_duplicate = true"
                + " WHERE status = 'SENDING' AND (claimed_at IS NULL OR claimed_at < ?)", claimedBefore);
    }

    private int update(String what, String sql, Object... params) {
        return Sql.inTransaction(dataSource, what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + columns.replace(", ", ", " + prefix);
    }
}
