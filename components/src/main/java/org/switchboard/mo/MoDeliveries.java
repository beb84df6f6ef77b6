package org.switchboard.mo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.switchboard.store.MessageStore;
import org.switchboard.store.NewInbound;
import org.switchboard.store.Sql;

/**
 * The MO routing's outbox: {@link #routing()} decides, in the transaction that stores an inbound SMS, which rule takes
 * it and queues its hand-over; the routes that hand it over claim, finish (with the application's reply SMS queued in
 * the same transaction), retry or give up each. A hand-over given up sends the SMS to the help desk instead: nothing is
 * lost to an application that stays down.
 */
public final class MoDeliveries {
    /** outbound_sms.source of the replies applications answer with. */
    public static final String REPLY_SOURCE = "mo-reply";

    private final DataSource dataSource;

    public MoDeliveries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The routing for {@link MessageStore#storeInbound(NewInbound, MessageStore.InboundRouting)}. */
    public MessageStore.InboundRouting routing() {
        return (c, inboundId, sms) -> {
            Optional<MoMatch> match = MoRules.match(MoRuleStore.list(c), sms.destination(), sms.text());
            if (match.isEmpty()) {
                return Optional.empty();
            }
            MoRule r = match.get().rule();
            Sql.update(c, "INSERT INTO mo_delivery (inbound_id, rule_name, target, url, method, reply, system_id,"
                    + " keyword) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (inbound_id) DO NOTHING", inboundId,
                    r.name(), r.target().text(), r.url(), r.method(), r.reply(), r.systemId(), match.get().keyword());
            return Optional.of("rule " + r.name() + (r.target() == MoRule.Target.HTTP ? ": " + r.method() + " "
                    + r.url() : ": SMPP account " + r.systemId()));
        };
    }

    /**
     * Takes up to {@code limit} due hand-overs of {@code target} (for SMPP, of the accounts in {@code systemIds} only:
     * those with a receiver bound) and leases them to node {@code node} for {@code lease}.
     */
    public List<MoDelivery> claim(MoRule.Target target, Collection<String> systemIds, int limit, String node,
            Duration lease) {
        return Sql.inTransaction(dataSource, "claiming due MO hand-overs", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE mo_delivery d SET attempts = d.attempts + 1,"
                    + " node_id = ?, next_attempt_at = now() + ? * interval '1 millisecond'"
                    + " FROM (SELECT id FROM mo_delivery WHERE status = 'PENDING' AND target = ?"
                    + "       AND (? OR system_id = ANY (?)) AND next_attempt_at <= now()"
                    + "       ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED) due, inbound_sms i"
                    + " WHERE d.id = due.id AND i.id = d.inbound_id"
                    + " RETURNING d.id, d.attempts, d.inbound_id, d.rule_name, d.target, d.url, d.method, d.reply,"
                    + " d.system_id, d.keyword, i.originator, i.destination, i.text, i.channel, i.received_at")) {
                Sql.bind(ps, node, lease.toMillis(), target.text(), target != MoRule.Target.SMPP);
                ps.setArray(5, c.createArrayOf("text", systemIds.toArray()));
                ps.setInt(6, limit);
                return Sql.list(ps, MoDeliveries::delivery);
            }
        });
    }

    private static MoDelivery delivery(ResultSet rs) throws SQLException {
        return new MoDelivery(rs.getLong("id"), rs.getInt("attempts"), rs.getLong("inbound_id"),
                rs.getString("rule_name"), MoRule.Target.parse(rs.getString("target")), rs.getString("url"),
                rs.getString("method"), rs.getBoolean("reply"), rs.getString("system_id"), rs.getString("keyword"),
                rs.getString("originator"), rs.getString("destination"), rs.getString("text"), rs.getString("channel"),
                Sql.time(rs, "received_at"));
    }

    /**
     * The application took it ({@code httpStatus} for a URL, null for SMPP); {@code reply}, when not null nor blank,
     * is queued as an SMS to the sender in the same transaction. Returns the reply's outbound id, if one was queued.
     */
    public Optional<Long> done(MoDelivery d, Integer httpStatus, String reply) {
        return Sql.inTransaction(dataSource, "finishing MO hand-over " + d.id(), c -> {
            Long replyId = null;
            if (reply != null && !reply.isBlank() && d.originator().matches("\\+[1-9][0-9]{6,14}")) {
                replyId = queueReply(c, d, reply.strip());
            }
            Sql.update(c, "UPDATE mo_delivery SET status = 'DONE', http_status = ?, error = NULL, done_at = now(),"
                    + " reply_sms_id = ? WHERE id = ? AND status = 'PENDING'", httpStatus, replyId, d.id());
            return Optional.ofNullable(replyId);
        });
    }

    private static long queueReply(Connection c, MoDelivery d, String text) throws SQLException {
        // source_ref: a hand-over finished twice (its lease ran out under way) queues one reply
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_sms (recipient, text, source, source_ref,"
                + " requested_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_ref) DO UPDATE SET source_ref ="
                + " EXCLUDED.source_ref RETURNING id")) {
            Sql.bind(ps, d.originator(), org.switchboard.store.StorableText.replaceUnstorable(text), REPLY_SOURCE,
                    "mo-delivery-" + d.id(), "rule " + d.ruleName());
            return Sql.first(ps, rs -> rs.getLong(1)).orElseThrow();
        }
    }

    /** The hand-over failed; again after {@code delay}. */
    public void retryLater(MoDelivery d, Integer httpStatus, String error, Duration delay) {
        Sql.update(dataSource, "scheduling MO hand-over " + d.id() + " again", "UPDATE mo_delivery SET http_status = ?,"
                + " error = ?, next_attempt_at = now() + ? * interval '1 millisecond' WHERE id = ? AND status ="
                + " 'PENDING'", httpStatus, error, delay.toMillis(), d.id());
    }

    /**
     * Gives up the hand-overs of {@code target} waiting since longer than {@code keep} (an SMPP account that never
     * binds a receiver): their SMS go to the help desk. Returns the inbound SMS so sent.
     */
    public List<Long> giveUpOlderThan(MoRule.Target target, Duration keep) {
        return Sql.inTransaction(dataSource, "giving up old MO hand-overs", c -> {
            try (PreparedStatement ps = c.prepareStatement("WITH old AS (UPDATE mo_delivery d SET status = 'FAILED',"
                    + " error = COALESCE(d.error, 'not taken') || ' (given up after ' || ? || ' h)'"
                    + " FROM inbound_sms i WHERE i.id = d.inbound_id AND d.status = 'PENDING' AND d.target = ?"
                    + " AND i.stored_at < now() - ? * interval '1 millisecond' RETURNING d.inbound_id)"
                    + " UPDATE inbound_sms SET email_status = 'PENDING' FROM old WHERE inbound_sms.id = old.inbound_id"
                    + " AND inbound_sms.email_status = 'ROUTED' RETURNING inbound_sms.id")) {
                ps.setLong(1, keep.toHours());
                ps.setString(2, target.text());
                ps.setLong(3, keep.toMillis());
                return Sql.list(ps, rs -> rs.getLong(1));
            }
        });
    }

    /** Given up: the SMS goes to the help desk by email, as one no rule matched. */
    public void fail(MoDelivery d, Integer httpStatus, String error) {
        Sql.inTransaction(dataSource, "giving up MO hand-over " + d.id(), c -> {
            Sql.update(c, "UPDATE mo_delivery SET status = 'FAILED', http_status = ?, error = ? WHERE id = ?"
                    + " AND status = 'PENDING'", httpStatus, error, d.id());
            return Sql.update(c, "UPDATE inbound_sms SET email_status = 'PENDING' WHERE id = ? AND email_status ="
                    + " 'ROUTED'", d.inboundId());
        });
    }
}
