package org.switchboard.kannel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.switchboard.store.Sql;
import org.switchboard.store.StoreException;

/**
 * The sendsms side of the database: accepted recipients as outbound SMS (lane 0, source {@value #SOURCE}) with their
 * Kannel parameters, and the outbox of dlr-url calls the V8 migration's trigger fills as the SMS move on.
 */
public final class KannelStore {
    /** outbound_sms.source of what sendsms queued; the V8 trigger watches only those rows. */
    public static final String SOURCE = "kannel-sendsms";

    private final DataSource dataSource;

    public KannelStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Queues every SMS of {@code batch} (a group of requests committed together) and returns their outbound_sms ids in
     * order. One statement in autocommit, so one round trip whatever the batch's size: the rows come in as arrays, get
     * their ids from the sequence in a CTE (materialized, as it calls nextval), and both tables take them from there.
     * A foreign key checked at the statement's end sees the outbound_sms rows the same statement inserted.
     */
    public List<Long> store(List<NewSendsms> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        int n = batch.size();
        String[] recipients = new String[n];
        String[] texts = new String[n];
        String[] users = new String[n];
        Integer[] deferred = new Integer[n];
        String[] senders = new String[n];
        Integer[] codings = new Integer[n];
        String[] charsets = new String[n];
        String[] udhs = new String[n];
        Integer[] masks = new Integer[n];
        String[] urls = new String[n];
        Integer[] validity = new Integer[n];
        for (int i = 0; i < n; i++) {
            NewSendsms s = batch.get(i);
            recipients[i] = s.recipient();
            texts[i] = s.text();
            users[i] = s.username();
            deferred[i] = s.deferredMinutes() >= 0 ? s.deferredMinutes() : null;
            senders[i] = s.sender();
            codings[i] = Math.max(s.coding(), 0);
            charsets[i] = s.charset();
            udhs[i] = s.udh() == null ? null : HexFormat.of().formatHex(s.udh());
            masks[i] = Math.max(s.dlrMask(), 0);
            urls[i] = s.dlrUrl();
            validity[i] = s.validityMinutes() >= 0 ? s.validityMinutes() : null;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(STORE)) {
                int i = 1;
                ps.setArray(i++, c.createArrayOf("text", recipients));
                ps.setArray(i++, c.createArrayOf("text", texts));
                ps.setArray(i++, c.createArrayOf("text", users));
                ps.setArray(i++, c.createArrayOf("integer", deferred));
                ps.setArray(i++, c.createArrayOf("text", senders));
                ps.setArray(i++, c.createArrayOf("integer", codings));
                ps.setArray(i++, c.createArrayOf("text", charsets));
                ps.setArray(i++, c.createArrayOf("text", udhs));
                ps.setArray(i++, c.createArrayOf("integer", masks));
                ps.setArray(i++, c.createArrayOf("text", urls));
                ps.setArray(i, c.createArrayOf("integer", validity));
                List<Long> ids = Sql.list(ps, rs -> rs.getLong(1));
                if (ids.size() != n) {
                    throw new SQLException(n + " sendsms SMS to store, " + ids.size() + " ids back");
                }
                return ids;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("queueing " + n + " sendsms SMS", e);
        }
    }

    // deferred: Kannel's msg->sms.deferred = now + minutes; the dispatcher claims no row before next_attempt_at.
    // validity: Kannel's msg->sms.validity = now + minutes, from acceptance too; the claim fails a row past expires_at.
    private static final String STORE = "WITH t AS MATERIALIZED ("
            + " SELECT nextval(pg_get_serial_sequence('outbound_sms', 'id')) AS id, u.*"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::int[], ?::text[], ?::text[],"
            + " ?::int[], ?::text[], ?::int[]) WITH ORDINALITY"
            + " AS u(recipient, text, username, deferred, sender, coding, charset, udh, mask, url, validity, ord)),"
            + " o AS (INSERT INTO outbound_sms (id, recipient, text, source, requested_by, next_attempt_at, expires_at)"
            + " SELECT t.id, t.recipient, t.text, '" + SOURCE + "', t.username,"
            + " CASE WHEN t.deferred > 0 THEN now() + t.deferred * interval '1 minute' END,"
            + " CASE WHEN t.validity > 0 THEN now() + t.validity * interval '1 minute' END FROM t ORDER BY t.ord),"
            + " k AS (INSERT INTO kannel_sendsms (sms_id, username, sender, coding, charset, udh, dlr_mask, dlr_url,"
            + " validity_minutes, deferred_minutes) SELECT t.id, t.username, t.sender, t.coding, t.charset,"
            + " decode(t.udh, 'hex'), t.mask, t.url, t.validity, t.deferred FROM t)"
            + " SELECT id FROM t ORDER BY ord";

    /**
     * Takes up to {@code limit} due callbacks and leases them for {@code lease} (longer than a call may take): a call a
     * crash interrupted is due again when its lease ends, and no two pollers (of any node) take the same one. Each
     * names the node that took it.
     */
    public List<DlrCall> claimDue(int limit, String node, Duration lease) {
        return Sql.inTransaction(dataSource, "claiming due dlr-url calls", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE kannel_dlr d SET attempts = d.attempts + 1,"
                    + " node_id = ?, next_attempt_at = now() + ? * interval '1 millisecond'"
                    + " FROM (SELECT id FROM kannel_dlr WHERE status = 'PENDING' AND next_attempt_at <= now()"
                    + "       ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED) due,"
                    + " kannel_sendsms k, outbound_sms o"
                    + " WHERE d.id = due.id AND k.sms_id = d.sms_id AND o.id = d.sms_id"
                    + " RETURNING d.id, d.attempts, d.dlr_type, d.reply, d.event_at, d.sms_id, k.dlr_url, k.sender,"
                    + " k.coding, k.charset, o.recipient, o.modem")) {
                ps.setString(1, node);
                ps.setLong(2, lease.toMillis());
                ps.setInt(3, limit);
                return Sql.list(ps, KannelStore::call);
            }
        });
    }

    private static DlrCall call(ResultSet rs) throws SQLException {
        DlrReport report = new DlrReport(DlrType.ofBit(rs.getInt("dlr_type")), rs.getString("recipient"),
                rs.getString("sender"), rs.getString("reply"), Sql.time(rs, "event_at").toInstant(),
                rs.getLong("sms_id"), rs.getString("modem"), rs.getString("dlr_url"), rs.getInt("coding"),
                rs.getString("charset"));
        return new DlrCall(rs.getLong("id"), rs.getInt("attempts"), rs.getString("dlr_url"), report);
    }

    /** The URL answered {@code httpStatus} (2xx): done. */
    public void markCalled(long id, int httpStatus) {
        Sql.update(dataSource, "marking dlr-url call " + id + " done", "UPDATE kannel_dlr SET status = 'SENT',"
                + " http_status = ?, error = NULL, sent_at = now() WHERE id = ? AND status = 'PENDING'",
                httpStatus, id);
    }

    /** The call failed; try again after {@code delay}. */
    public void retryLater(long id, Integer httpStatus, String error, Duration delay) {
        Sql.update(dataSource, "scheduling dlr-url call " + id + " again", "UPDATE kannel_dlr SET http_status = ?,"
                + " error = ?, next_attempt_at = now() + ? * interval '1 millisecond'"
                + " WHERE id = ? AND status = 'PENDING'", httpStatus, error, delay.toMillis(), id);
    }

    /** The call failed for the last time. */
    public void fail(long id, Integer httpStatus, String error) {
        Sql.update(dataSource, "giving up dlr-url call " + id, "UPDATE kannel_dlr SET status = 'FAILED',"
                + " http_status = ?, error = ? WHERE id = ? AND status = 'PENDING'", httpStatus, error, id);
    }
}
