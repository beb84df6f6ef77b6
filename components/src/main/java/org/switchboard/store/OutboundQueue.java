package org.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.switchboard.channel.ClaimFilter;

/**
 * The outbound SMS table as a dispatch queue: each channel line's dispatcher claims one due row at a time that its
 * channel may carry (single SMS in lane 0 before broadcasts in lane 1), then reports what became of it. A row is
 * SENDING only while one line has it in hand, so after a crash only those rows can go out twice. Each method is one
 * short transaction.
 * <p>
 * Several hub nodes may share the queue: a claimed row carries its node's id and a lease ({@code node_id},
 * {@code lease_until}), which the node renews while it holds the row ({@code NodeRegistry.heartbeat}). A node puts
 * back at start only what it held itself, and any node puts back what a dead one held once its lease has run out.
 */
public final class OutboundQueue {
    /** The node id of a queue made without one: a hub of one node, in tests and tools. */
    public static final String SINGLE_NODE = "hub";

    private final DataSource dataSource;
    private final String node;
    private final Duration lease;

    /** The queue of a hub of one node, {@value #SINGLE_NODE}, with a 30 s lease. */
    public OutboundQueue(DataSource dataSource) {
        this(dataSource, SINGLE_NODE, Duration.ofSeconds(30));
    }

    /**
     * @param node  the id of the node whose lines claim through this queue
     * @param lease how long a claimed row stays this node's without the node's heartbeat renewing it
     */
    public OutboundQueue(DataSource dataSource, String node, Duration lease) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.node = Objects.requireNonNull(node, "node");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    /**
     * Takes the next due SMS that {@code routing} lets channel {@code channel} carry, for its line {@code line}: lane 0
     * before lane 1, oldest first; it becomes SENDING with one more attempt. SKIP LOCKED lets every line's dispatcher
     * (and other hub nodes) claim at once without ever getting the same row, and without waiting for each other. Empty
     * when nothing is due at {@code now}.
     * <p>
     * A broadcast row whose broadcast was cancelled, or whose recipient opted out, since it was planned is cancelled
     * here instead, the last moment before a modem has it: the planner's cursor does not see a STOP committed during a
     * long plan, and a row a modem had in hand during the cancel or the STOP may have come back to the queue. Such rows
     * are rare, so the claim stays one statement when there are none. Likewise a row whose validity ({@code expires_at},
     * from a sendsms request) has passed fails here with {@value #EXPIRED} rather than going out late.
     */
    public Optional<OutboundSms> claim(String channel, String line, OffsetDateTime now, ClaimFilter routing) {
        return claim(channel, List.of(line), now, routing).get(0);
    }

    /**
     * {@link #claim} for several lines of one channel in one statement: up to one due SMS for each of {@code lines}, in
     * their order (empty where there was none left), each SENDING on its line. A busy channel with many lines (an SMPP
     * bind's window) then pays one round trip and one commit for the lines that came for work at once, not one each.
     */
    public List<Optional<OutboundSms>> claim(String channel, List<String> lines, OffsetDateTime now,
            ClaimFilter routing) {
        return Sql.inTransaction(dataSource, "claiming outbound SMS for " + channel + " lines " + lines, c -> {
            // row_number() numbers the rows claimed; the n-th goes to the n-th line still waiting (a window function
            // cannot sit in the query that locks, hence the nesting)
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_sms o"
                    + " SET status = CASE WHEN due.stopped IS NULL THEN 'SENDING' WHEN due.stopped = '" + EXPIRED
                    + "' THEN 'FAILED' ELSE 'CANCELLED' END,"
                    + " channel = CASE WHEN due.stopped IS NULL THEN ? ELSE o.channel END,"
                    + " modem = CASE WHEN due.stopped IS NULL THEN (?::text[])[due.n] ELSE o.modem END,"
                    + " attempts = o.attempts + CASE WHEN due.stopped IS NULL THEN 1 ELSE 0 END,"
                    + " claimed_at = CASE WHEN due.stopped IS NULL THEN ?::timestamptz END,"
                    + " node_id = CASE WHEN due.stopped IS NULL THEN ? ELSE o.node_id END,"
                    + " lease_until = CASE WHEN due.stopped IS NULL THEN now() + ? * interval '1 millisecond' END,"
                    + " next_attempt_at = CASE WHEN due.stopped IS NULL THEN o.next_attempt_at END,"
                    + " error = COALESCE(due.stopped, o.error)"
                    + " FROM (SELECT d.id, d.stopped, row_number() OVER (ORDER BY d.lane, d.id) AS n FROM"
                    + "  (SELECT p.id, p.lane, CASE WHEN p.expires_at <= ? THEN '" + EXPIRED + "' ELSE " + stopped("p")
                    + "   END AS stopped FROM outbound_sms p WHERE p.status = 'PENDING'"
                    + "   AND (p.next_attempt_at IS NULL OR p.next_attempt_at <= ?) AND (" + routing.sql() + ")"
                    + "   ORDER BY p.lane, p.id LIMIT ? FOR UPDATE OF p SKIP LOCKED) d) due"
                    + " WHERE o.id = due.id RETURNING " + prefixed("o.", Sql.OUTBOUND_COLUMNS) + ", due.stopped, due.n")) {
                List<Optional<OutboundSms>> claimed = new ArrayList<>(Collections.nCopies(lines.size(),
                        Optional.empty()));
                // which of the lines still wait for a row, by their index in lines
                List<Integer> waiting = new ArrayList<>();
                for (int l = 0; l < lines.size(); l++) {
                    waiting.add(l);
                }
                while (!waiting.isEmpty()) {
                    int i = 1;
                    ps.setString(i++, channel);
                    ps.setArray(i++, c.createArrayOf("text", waiting.stream().map(lines::get).toArray()));
                    ps.setObject(i++, now);
                    ps.setString(i++, node);
                    ps.setLong(i++, lease.toMillis());
                    ps.setObject(i++, now);
                    ps.setObject(i++, now);
                    for (Object param : routing.params()) {
                        Sql.bindOne(c, ps, i++, param);
                    }
                    ps.setInt(i, waiting.size());
                    boolean stoppedAny = false;
                    List<Integer> served = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            OutboundSms sms = Sql.outbound(rs);
                            String stopped = rs.getString("stopped");
                            int n = rs.getInt("n");
                            if (stopped == null) {
                                int line = waiting.get(n - 1);
                                claimed.set(line, Optional.of(sms));
                                served.add(line);
                                continue;
                            }
                            stoppedAny = true;
                            if (sms.broadcastId() != null && CANCELLED.equals(stopped)) {
                                // The rest of a cancelled broadcast at once, rather than one claim each.
                                cancelRest(c, sms.broadcastId());
                            }
                        }
                    }
                    waiting.removeAll(served);
                    if (!stoppedAny) {
                        // every row there was is claimed; the lines left wait for the next poll
                        break;
                    }
                }
                return claimed;
            }
        });
    }

    /** The error of a row whose validity (Kannel's, outbound_sms.expires_at) passed before a modem took it: FAILED. */
    static final String EXPIRED = "validity expired";

    /** The error of a broadcast row cancelled with its broadcast. */
    static final String CANCELLED = "broadcast cancelled";

    /**
     * SQL for why the broadcast row {@code row} (an alias of outbound_sms) must not go out any more, or NULL when it may:
     * its broadcast was cancelled, or its recipient opted out (the opt-out's keyword). A single SMS (a staff reply) goes
     * whatever the opt-outs say.
     */
    private static String stopped(String row) {
        return "CASE WHEN " + row + ".broadcast_id IS NULL THEN NULL"
                + " WHEN EXISTS (SELECT 1 FROM broadcast b WHERE b.id = " + row + ".broadcast_id"
                + "  AND b.status = 'CANCELLED') THEN '" + CANCELLED + "'"
                + " ELSE (SELECT 'opted out (' || x.keyword || ') after the broadcast was planned' FROM opt_out x"
                + "  WHERE x.number = " + row + ".recipient) END";
    }

    private static void cancelRest(Connection c, long broadcast) throws SQLException {
        Sql.update(c, "UPDATE outbound_sms SET status = 'CANCELLED', error = '" + CANCELLED
                + "', next_attempt_at = NULL WHERE broadcast_id = ? AND status IN ('HELD', 'PENDING')", broadcast);
    }

    /** An SMS the channel took, every part, through {@code line}; {@code partRefs} are its references in part order. */
    public record Sent(long id, String channel, String line, List<String> partRefs) {
    }

    /**
     * {@link #markSent} for several SMS in one statement, in their order: whether each was marked. Lines that finished
     * together share one round trip and one commit.
     */
    public List<Boolean> markSent(List<Sent> sent) {
        return Sql.inTransaction(dataSource, "marking " + sent.size() + " outbound SMS sent", c -> {
            // A row per SMS from parallel arrays, its references from two flat ones (the SMS each belongs to, the
            // reference) in part order. Rows in id order, so two such statements lock in the same order.
            List<Sent> ordered = sent.stream().sorted(java.util.Comparator.comparingLong(Sent::id)).toList();
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_sms o SET status = 'SENT',"
                    + " channel = u.channel, modem = u.line, parts = u.parts,"
                    + " part_refs = ARRAY(SELECT p.ref FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS p(id, ref, k)"
                    + "  WHERE p.id = u.id ORDER BY p.k),"
                    + " sent_at = now(), error = NULL, error_code = NULL, next_attempt_at = NULL, avoid_channel = NULL,"
                    + " avoid_until = NULL FROM unnest(?::bigint[], ?::text[], ?::text[], ?::int[])"
                    + " AS u(id, channel, line, parts) WHERE o.id = u.id RETURNING o.id")) {
                ps.setArray(1, c.createArrayOf("bigint", ordered.stream()
                        .flatMap(x -> x.partRefs().stream().map(r -> x.id())).toArray()));
                ps.setArray(2, c.createArrayOf("text", ordered.stream().flatMap(x -> x.partRefs().stream()).toArray()));
                ps.setArray(3, c.createArrayOf("bigint", ordered.stream().map(Sent::id).toArray()));
                ps.setArray(4, c.createArrayOf("text", ordered.stream().map(Sent::channel).toArray()));
                ps.setArray(5, c.createArrayOf("text", ordered.stream().map(Sent::line).toArray()));
                ps.setArray(6, c.createArrayOf("integer", ordered.stream().map(x -> x.partRefs().size()).toArray()));
                java.util.Set<Long> marked = new java.util.HashSet<>(Sql.list(ps, rs -> rs.getLong(1)));
                return sent.stream().map(x -> marked.contains(x.id())).toList();
            }
        });
    }

    /** The channel took every part through {@code line}; {@code partRefs} are its references, in part order. */
    public boolean markSent(long id, String channel, String line, List<String> partRefs) {
        return markSent(List.of(new Sent(id, channel, line, partRefs))).get(0);
    }

    /**
     * The recipient's side failed in a way a later attempt may cure: back to PENDING, due at {@code next}. With
     * {@code possiblySent} the SMS may have gone out already, and the row says so from now on. A broadcast row whose
     * broadcast was cancelled or whose recipient opted out meanwhile is CANCELLED instead. False unless the row was
     * SENDING or PENDING.
     */
    public boolean retryLater(long id, String error, Integer errorCode, OffsetDateTime next, boolean possiblySent) {
        return Sql.update(dataSource, "scheduling a retry of outbound SMS " + id,
                "UPDATE outbound_sms o SET " + backOrCancelled(),
                error, errorCode, next, possiblySent, id) > 0;
    }

    /**
     * The line or channel failed, not the recipient: back to PENDING and due now, for another line or channel to take,
     * and the attempt is not counted against the recipient's budget but in {@code requeues}. With {@code avoidChannel}
     * that channel could not carry this message (its line works): it claims the row again only after
     * {@code avoidUntil}, so that another channel takes it first. Cancelled instead as {@link #retryLater} says. False
     * unless the row was SENDING.
     */
    public boolean requeue(long id, String error, Integer errorCode, boolean possiblySent, String avoidChannel,
            OffsetDateTime avoidUntil) {
        return Sql.update(dataSource, "requeueing outbound SMS " + id, "UPDATE outbound_sms o SET"
                + " attempts = GREATEST(o.attempts - 1, 0), requeues = o.requeues + 1, avoid_channel = ?::text,"
                + " avoid_until = ?::timestamptz, " + backOrCancelled().replace("('SENDING', 'PENDING')", "('SENDING')"),
                avoidChannel, avoidUntil, error, errorCode, null, possiblySent, id) > 0;
    }

    /** The SET and WHERE of a row going back to the queue (or cancelled), for error, code, due time, possiblySent, id. */
    private static String backOrCancelled() {
        return "status = CASE WHEN s.stopped IS NULL THEN 'PENDING' ELSE 'CANCELLED' END,"
                + " error = COALESCE(s.stopped, ?::text), error_code = ?,"
                + " next_attempt_at = CASE WHEN s.stopped IS NULL THEN ?::timestamptz END, claimed_at = NULL,"
                + " possible_duplicate = o.possible_duplicate OR ?"
                + " FROM (SELECT p.id, " + stopped("p") + " AS stopped FROM outbound_sms p WHERE p.id = ?) s"
                + " WHERE o.id = s.id AND o.status IN ('SENDING', 'PENDING')";
    }

    /** Gives up on this SMS, keeping why and the +CMS/+CME code. False unless it was SENDING or PENDING. */
    public boolean fail(long id, String error, Integer errorCode) {
        // claimed_at stays: it is when the last attempt began, which a broadcast report's duration counts to
        return Sql.update(dataSource, "marking outbound SMS " + id + " failed",
                "UPDATE outbound_sms SET status = 'FAILED', error = ?,"
                + " error_code = ?, next_attempt_at = NULL"
                + " WHERE id = ? AND status IN ('SENDING', 'PENDING')", error, errorCode, id) > 0;
    }

    /**
     * At start-up: rows this node left SENDING when it crashed go back to PENDING, due now, marked possible_duplicate,
     * since the channel may have accepted them before the crash (at most one per line); CANCELLED instead as
     * {@link #retryLater} says. The interrupted attempt still counts, so an SMS that crashes the hub cannot loop
     * forever. Rows other nodes hold are theirs: they come back through {@link #requeueExpired} if their node is dead.
     * Rows without a node are from a hub older than the node column, which ran alone. Returns the rows that went back,
     * each with the line that had it, for the journal.
     */
    public List<Interrupted> requeueInterrupted() {
        return requeue("requeueing the SMS node " + node + " left SENDING", "(p.node_id = ? OR p.node_id IS NULL)",
                node);
    }

    /**
     * Rows whose lease has run out go back to the queue as {@link #requeueInterrupted} says: their node died (or lost
     * the database for longer than its lease) with them in a line's hands, and another line may send them now. Any
     * node may call this at any time; SKIP LOCKED keeps two of them from taking the same row.
     */
    public List<Interrupted> requeueExpired() {
        return requeue("requeueing SMS whose node's lease ran out", "p.lease_until < now()");
    }

    private List<Interrupted> requeue(String what, String which, Object... params) {
        return Sql.inTransaction(dataSource, what, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_sms o"
                    + " SET status = CASE WHEN s.stopped IS NULL THEN 'PENDING' ELSE 'CANCELLED' END,"
                    + " error = COALESCE(s.stopped, o.error), claimed_at = NULL, next_attempt_at = NULL,"
                    + " lease_until = NULL, possible_duplicate = true FROM (SELECT p.id, " + stopped("p") + " AS stopped"
                    + " FROM outbound_sms p WHERE p.status = 'SENDING' AND " + which + " FOR UPDATE OF p SKIP LOCKED) s"
                    + " WHERE o.id = s.id RETURNING o.id, o.channel, o.modem, o.node_id, o.status, o.error")) {
                Sql.bind(ps, params);
                return Sql.list(ps, rs -> new Interrupted(rs.getLong("id"), rs.getString("channel"),
                        rs.getString("modem"), rs.getString("node_id"), rs.getString("status").equals("CANCELLED")
                                ? rs.getString("error") : null));
            }
        });
    }

    /**
     * An SMS a crash left in a line's hand: which line (of which node) had it, and why it was cancelled instead of sent again (null
     * when it is back in the queue).
     */
    public record Interrupted(long id, String channel, String line, String node, String cancelledBecause) {
    }

    /**
     * Why a row that was to go back to the queue was cancelled instead (its broadcast cancelled, its recipient opted
     * out), or empty when it is not CANCELLED: a requeue says "back in the queue" only when it is.
     */
    public Optional<String> cancelledBecause(long id) {
        return Sql.inTransaction(dataSource, "reading outbound SMS " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT error FROM outbound_sms WHERE id = ? AND status = 'CANCELLED'")) {
                ps.setLong(1, id);
                return Sql.first(ps, rs -> Objects.requireNonNullElse(rs.getString(1), "cancelled"));
            }
        });
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + columns.replace(", ", ", " + prefix);
    }
}
