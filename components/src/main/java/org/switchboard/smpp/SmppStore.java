package org.switchboard.smpp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.switchboard.store.Sql;
import org.switchboard.store.StorableText;
import org.switchboard.store.StoreException;

/**
 * The SMPP server's side of the database: accepted submit_sm as outbound SMS (source {@value #SOURCE}) with a row each
 * whose id is the message_id answered; the parts of long messages until their last one is in; and the outbox of
 * delivery receipts the V14 migration's trigger fills as the SMS move on.
 */
public final class SmppStore {
    /** outbound_sms.source of what applications submitted over SMPP; the V14 trigger watches only those rows. */
    public static final String SOURCE = "smpp";

    private final DataSource dataSource;

    public SmppStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Queues whole messages (no part of a long one among them) and returns their ids in order. One statement in
     * autocommit, whatever the batch's size, as {@code KannelStore.store} does: the rows come in as arrays, get both
     * ids from the sequences in a materialized CTE, and both tables take them from there.
     */
    public List<StoredSubmit> storeWhole(List<NewSubmit> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        int n = batch.size();
        String[] systemIds = new String[n];
        String[] sources = new String[n];
        String[] dests = new String[n];
        String[] recipients = new String[n];
        Integer[] registered = new Integer[n];
        Integer[] codings = new Integer[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            NewSubmit s = batch.get(i);
            if (s.part() != null) {
                throw new IllegalArgumentException("a part of a long message is stored with storePart");
            }
            systemIds[i] = s.systemId();
            sources[i] = s.sourceAddr();
            dests[i] = s.destAddr();
            recipients[i] = s.recipient();
            registered[i] = s.registeredDelivery();
            codings[i] = s.dataCoding();
            texts[i] = StorableText.replaceUnstorable(s.text());
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(STORE_WHOLE)) {
                int i = 1;
                ps.setArray(i++, c.createArrayOf("text", systemIds));
                ps.setArray(i++, c.createArrayOf("text", sources));
                ps.setArray(i++, c.createArrayOf("text", dests));
                ps.setArray(i++, c.createArrayOf("text", recipients));
                ps.setArray(i++, c.createArrayOf("integer", registered));
                ps.setArray(i++, c.createArrayOf("integer", codings));
                ps.setArray(i, c.createArrayOf("text", texts));
                List<StoredSubmit> ids = Sql.list(ps, rs -> new StoredSubmit(rs.getLong(1), rs.getLong(2)));
                if (ids.size() != n) {
                    throw new SQLException(n + " submits to store, " + ids.size() + " ids back");
                }
                return ids;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("queueing " + n + " SMPP submits", e);
        }
    }

    private static final String STORE_WHOLE = "WITH t AS MATERIALIZED ("
            + " SELECT nextval(pg_get_serial_sequence('outbound_sms', 'id')) AS sms_id,"
            + " nextval(pg_get_serial_sequence('smpp_submit', 'id')) AS id, u.*"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[]) WITH ORDINALITY"
            + " AS u(system_id, source_addr, dest_addr, recipient, registered, coding, text, ord)),"
            + " o AS (INSERT INTO outbound_sms (id, recipient, text, source, requested_by)"
            + " SELECT t.sms_id, t.recipient, t.text, '" + SOURCE + "', t.system_id FROM t ORDER BY t.ord),"
            + " s AS (INSERT INTO smpp_submit (id, system_id, sms_id, source_addr, dest_addr, registered_delivery,"
            + " data_coding, text) SELECT t.id, t.system_id, t.sms_id, t.source_addr, t.dest_addr, t.registered,"
            + " t.coding, t.text FROM t)"
            + " SELECT id, sms_id FROM t ORDER BY ord";

    /**
     * Stores a part of a long message; when it is the last one missing, the parts become one outbound SMS in the same
     * transaction. Parts are told apart by account, addresses, reference and count, under a lock on that key so two
     * parts arriving at once cannot both miss each other. A part whose number is already waiting starts a new message:
     * the sender reused its reference, so what waited is sent as it is (nothing is dropped).
     */
    public StoredPart storePart(NewSubmit s) {
        SubmitPart p = Objects.requireNonNull(s.part(), "part");
        // each field led by its length, so no two keys read alike
        String key = s.systemId().length() + ":" + s.systemId() + s.sourceAddr().length() + ":" + s.sourceAddr()
                + s.destAddr().length() + ":" + s.destAddr() + p.ref() + "/" + p.total();
        return Sql.inTransaction(dataSource, "storing part " + p.seq() + "/" + p.total() + " of an SMPP submit", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 14))")) {
                ps.setString(1, key);
                ps.execute();
            }
            String waiting = " FROM smpp_submit WHERE sms_id IS NULL AND system_id = ? AND source_addr = ?"
                    + " AND dest_addr = ? AND concat_ref = ? AND concat_total = ?";
            Object[] keyArgs = { s.systemId(), s.sourceAddr(), s.destAddr(), p.ref(), p.total() };
            boolean seqTaken;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1" + waiting + " AND concat_seq = ?")) {
                Sql.bind(ps, append(keyArgs, p.seq()));
                seqTaken = Sql.first(ps, rs -> true).isPresent();
            }
            if (seqTaken) {
                join(c, waiting, keyArgs, s.recipient());
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO smpp_submit (system_id, source_addr, dest_addr,"
                    + " registered_delivery, data_coding, text, concat_ref, concat_total, concat_seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                Sql.bind(ps, s.systemId(), s.sourceAddr(), s.destAddr(), s.registeredDelivery(), s.dataCoding(),
                        StorableText.replaceUnstorable(s.text()), p.ref(), p.total(), p.seq());
                id = Sql.first(ps, rs -> rs.getLong(1)).orElseThrow();
            }
            int have;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*)" + waiting)) {
                Sql.bind(ps, keyArgs);
                have = Sql.first(ps, rs -> rs.getInt(1)).orElse(0);
            }
            if (have < p.total()) {
                return new StoredPart(id, null, 0);
            }
            return new StoredPart(id, join(c, waiting, keyArgs, s.recipient()), have);
        });
    }

    /** The waiting parts of a key, in order, become one outbound SMS; returns its id. */
    private static long join(Connection c, String waiting, Object[] keyArgs, String recipient) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH parts AS (SELECT id, system_id, text, concat_seq"
                + waiting + " FOR UPDATE),"
                + " o AS (INSERT INTO outbound_sms (recipient, text, source, requested_by)"
                + " SELECT ?, string_agg(text, '' ORDER BY concat_seq, id), '" + SOURCE + "', min(system_id) FROM parts"
                + " RETURNING id)"
                + " UPDATE smpp_submit SET sms_id = o.id FROM o WHERE smpp_submit.id IN (SELECT id FROM parts)"
                + " RETURNING o.id")) {
            Sql.bind(ps, append(keyArgs, recipient));
            return Sql.first(ps, rs -> rs.getLong(1)).orElseThrow(() -> new SQLException("no waiting parts to join"));
        }
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = last;
        return out;
    }

    /**
     * Takes up to {@code limit} due receipts of the accounts that have a receiver bound, and leases them for
     * {@code lease} (longer than a deliver_sm may wait for its response) to node {@code node}: one a crash interrupted
     * is due again when its lease ends, and no two pollers take the same one.
     */
    public List<PendingReceipt> claimReceipts(Collection<String> systemIds, int limit, String node, Duration lease) {
        if (systemIds.isEmpty()) {
            return List.of();
        }
        return Sql.inTransaction(dataSource, "claiming due SMPP receipts", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE smpp_receipt r SET attempts = r.attempts + 1,"
                    + " node_id = ?, next_attempt_at = now() + ? * interval '1 millisecond'"
                    + " FROM (SELECT id FROM smpp_receipt WHERE status = 'PENDING' AND system_id = ANY (?)"
                    + "       AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
                    + " due, smpp_submit s"
                    + " WHERE r.id = due.id AND s.id = r.submit_id"
                    + " RETURNING r.id, r.attempts, r.submit_id, s.sms_id, r.system_id, r.stat, r.err, r.done_at,"
                    + " s.created_at, s.source_addr, s.dest_addr, s.text")) {
                ps.setString(1, node);
                ps.setLong(2, lease.toMillis());
                ps.setArray(3, c.createArrayOf("text", systemIds.toArray()));
                ps.setInt(4, limit);
                return Sql.list(ps, SmppStore::receipt);
            }
        });
    }

    private static PendingReceipt receipt(ResultSet rs) throws SQLException {
        return new PendingReceipt(rs.getLong("id"), rs.getInt("attempts"), rs.getLong("submit_id"),
                rs.getLong("sms_id"), rs.getString("system_id"), rs.getString("stat"), rs.getInt("err"), Sql.time(rs, "done_at"),
                Sql.time(rs, "created_at"), rs.getString("source_addr"), rs.getString("dest_addr"),
                rs.getString("text"));
    }

    /** The application answered the receipt's deliver_sm with ESME_ROK. */
    public void receiptSent(long id) {
        Sql.update(dataSource, "marking SMPP receipt " + id + " sent", "UPDATE smpp_receipt SET status = 'SENT',"
                + " error = NULL, sent_at = now() WHERE id = ? AND status = 'PENDING'", id);
    }

    /** The deliver_sm failed (an error status, no answer, the bind gone): try again after {@code delay}. */
    public void retryReceipt(long id, String error, Duration delay) {
        Sql.update(dataSource, "scheduling SMPP receipt " + id + " again", "UPDATE smpp_receipt SET error = ?,"
                + " next_attempt_at = now() + ? * interval '1 millisecond' WHERE id = ? AND status = 'PENDING'",
                error, delay.toMillis(), id);
    }

    /** Records a bind, accepted ({@code status} 0) or refused with that status; returns its id for the journal. */
    public long bindOpened(String systemId, String bindType, String remote, int status) {
        return bindRow(null, systemId, bindType, remote, status);
    }

    /**
     * Records a bind of the hub's own to an SMSC (an smpp channel's): made ({@code status} 0) or not (the status it was
     * refused with, -1 for no connection or no answer); returns its id for the journal.
     */
    public long channelBindOpened(String channel, String bind, String systemId, String smsc, int status) {
        return bindRow(channel, systemId, bind, smsc, status);
    }

    /** A bind's row: one not made is closed as it is written. */
    private long bindRow(String channel, String systemId, String bindType, String remote, int status) {
        return Sql.inTransaction(dataSource, "recording a bind of " + systemId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO smpp_bind (system_id, bind_type, remote,"
                    + " status, channel, unbound_at) VALUES (?, ?, ?, ?, ?, CASE WHEN ? <> 0 THEN now() END)"
                    + " RETURNING id")) {
                Sql.bind(ps, systemId, bindType, remote, status, channel, status);
                return Sql.first(ps, rs -> rs.getLong(1)).orElseThrow();
            }
        });
    }

    /** The bound session ended (unbind, connection lost, the hub stopping). */
    public void bindClosed(long id) {
        Sql.update(dataSource, "recording the end of bind " + id,
                "UPDATE smpp_bind SET unbound_at = now() WHERE id = ? AND unbound_at IS NULL", id);
    }

    /** Gives up the receipts known for longer than {@code keep} and still not delivered; returns how many. */
    public int expireReceipts(Duration keep) {
        return Sql.update(dataSource, "expiring SMPP receipts", "UPDATE smpp_receipt SET status = 'EXPIRED',"
                + " error = COALESCE(error, 'no receiver bound') WHERE status = 'PENDING'"
                + " AND done_at < now() - ? * interval '1 millisecond'", keep.toMillis());
    }
}
