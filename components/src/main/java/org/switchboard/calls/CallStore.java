package org.switchboard.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/**
 * The calls in SQL: each asked-for call with its latest state, and every state it reached ({@code call_state}); plus
 * what asking for one needs to know (the signed-in user's extension, the customer's opt-out).
 */
public final class CallStore {
    private static final String COLUMNS = "id, way, requested_by, agent, customer, state, cause, cause_code, detail,"
            + " requested_at, connected_at, ended_at";

    private final DataSource dataSource;

    public CallStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Stores a call asked for, in state requested, with that first state in its history.
     *
     * @param nodeId the hub node that places the call and follows it
     */
    public Call create(String way, String nodeId, String requestedBy, String agent, String customerE164) {
        return Sql.inTransaction(dataSource, "storing a call to " + customerE164, c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO call (way, node_id, requested_by, agent,"
                    + " customer) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                Sql.bind(ps, way, nodeId, requestedBy, agent, customerE164);
                id = Sql.first(ps, rs -> rs.getLong(1)).orElseThrow();
            }
            Sql.update(c, "INSERT INTO call_state (call_id, state, at, detail) SELECT id, state, requested_at, ? FROM"
                    + " call WHERE id = ?", "asked by " + requestedBy + " through " + way, id);
            return find(c, id).orElseThrow();
        });
    }

    /**
     * Records a move of a call, unless the call is final already (a late event, a lost session's give-up racing the
     * PBX's own word): the row's state, cause and times, and a line of its history, in one transaction.
     *
     * @return whether it was recorded
     */
    public boolean record(CallTransition t) {
        return recordAll(List.of(t)).get(0);
    }

    /**
     * Records several moves, in order, in one transaction (a busy PBX reports many calls' states at once: one commit
     * for them all rather than one each).
     *
     * @return for each move, whether it was recorded
     */
    public List<Boolean> recordAll(List<CallTransition> moves) {
        return Sql.inTransaction(dataSource, "recording " + moves.size() + " call state(s)", c -> {
            List<Boolean> out = new ArrayList<>(moves.size());
            for (CallTransition t : moves) {
                out.add(record(c, t));
            }
            return out;
        });
    }

    private static boolean record(Connection c, CallTransition t) throws SQLException {
        Timestamp at = Timestamp.from(t.at());
        int changed = Sql.update(c, "UPDATE call SET state = ?, cause = coalesce(?, cause), cause_code ="
                + " coalesce(?, cause_code), detail = ?, connected_at = CASE WHEN ? = 'connected' THEN ? ELSE"
                + " connected_at END, ended_at = CASE WHEN ? IN ('ended', 'failed') THEN ? ELSE ended_at END"
                + " WHERE id = ? AND state NOT IN ('ended', 'failed')", t.state().text(), t.cause(), t.causeCode(),
                t.detail(), t.state().text(), at, t.state().text(), at, t.callId());
        if (changed == 0) {
            return false;
        }
        Sql.update(c, "INSERT INTO call_state (call_id, state, at, cause, cause_code, detail) VALUES (?, ?, ?, ?,"
                + " ?, ?)", t.callId(), t.state().text(), at, t.cause(), t.causeCode(), t.detail());
        return true;
    }

    /** The call with its history. */
    public Optional<Call> find(long id) {
        return Sql.inTransaction(dataSource, "reading call " + id, c -> find(c, id));
    }

    private static Optional<Call> find(Connection c, long id) throws SQLException {
        Optional<Call> call;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM call WHERE id = ?")) {
            ps.setLong(1, id);
            call = Sql.first(ps, rs -> call(rs, List.of()));
        }
        if (call.isEmpty()) {
            return call;
        }
        List<Call.Change> history;
        try (PreparedStatement ps = c.prepareStatement("SELECT state, at, cause, cause_code, detail FROM call_state"
                + " WHERE call_id = ? ORDER BY id")) {
            ps.setLong(1, id);
            history = Sql.list(ps, rs -> new Call.Change(CallState.parse(rs.getString("state")),
                    Sql.time(rs, "at"), rs.getString("cause"), nullableInt(rs, "cause_code"), rs.getString("detail")));
        }
        Call k = call.get();
        return Optional.of(new Call(k.id(), k.way(), k.requestedBy(), k.agent(), k.customer(), k.state(), k.cause(),
                k.causeCode(), k.detail(), k.requestedAt(), k.connectedAt(), k.endedAt(), history));
    }

    /** The calls a node placed that are not final: after its restart, calls whose events it can no longer get. */
    public List<Call> openOn(String nodeId) {
        return Sql.inTransaction(dataSource, "listing the open calls of " + nodeId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM call WHERE node_id = ? AND"
                    + " state NOT IN ('ended', 'failed') ORDER BY id")) {
                ps.setString(1, nodeId);
                return Sql.list(ps, rs -> call(rs, List.of()));
            }
        });
    }

    /** Calls matching the query, newest first, without their history. */
    public List<Call> list(CallQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM call WHERE true");
        List<Object> args = new ArrayList<>();
        filter(sql, args, " AND state = ?", q.state() == null ? null : q.state().text());
        filter(sql, args, " AND agent = ?", q.agent());
        filter(sql, args, " AND customer = ?::text", q.customer());
        filter(sql, args, " AND requested_by = ?", q.requestedBy());
        filter(sql, args, " AND requested_at >= ?", q.from());
        filter(sql, args, " AND requested_at < ?", q.to());
        filter(sql, args, " AND id < ?", q.beforeId());
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(q.limit());
        return Sql.inTransaction(dataSource, "listing calls", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Sql.bind(ps, args.toArray());
                return Sql.list(ps, rs -> call(rs, List.of()));
            }
        });
    }

    private static void filter(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            args.add(value);
        }
    }

    /** Whether the number sent STOP (or was opted out by hand): the hub does not call it either. */
    public boolean isOptedOut(String e164) {
        return Sql.inTransaction(dataSource, "checking the opt-out of " + e164, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM opt_out WHERE number = ?::text")) {
                ps.setString(1, e164);
                return Sql.first(ps, rs -> true).isPresent();
            }
        });
    }

    /** The user's own extension, the agent of the calls they ask for without naming one. */
    public Optional<String> extensionOf(String user) {
        return Sql.inTransaction(dataSource, "reading the extension of " + user, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT extension FROM app_user WHERE name = ?"
                    + " AND extension IS NOT NULL")) {
                ps.setString(1, user);
                return Sql.first(ps, rs -> rs.getString(1));
            }
        });
    }

    /**
     * Sets (or, with null, clears) a user's extension.
     *
     * @return false when there is no such user
     * @throws IllegalArgumentException for an extension a PBX would not have
     */
    public boolean setExtension(String user, String extension) {
        if (extension != null && !extension.matches("[0-9A-Za-z*#+_.-]{1,32}")) {
            throw new IllegalArgumentException("not an extension (digits, letters, * # + _ . -, at most 32): "
                    + extension);
        }
        return Sql.update(dataSource, "setting the extension of " + user,
                "UPDATE app_user SET extension = ? WHERE name = ?", extension, user) == 1;
    }

    private static Call call(ResultSet rs, List<Call.Change> history) throws SQLException {
        return new Call(rs.getLong("id"), rs.getString("way"), rs.getString("requested_by"), rs.getString("agent"),
                rs.getString("customer"), CallState.parse(rs.getString("state")), rs.getString("cause"),
                nullableInt(rs, "cause_code"), rs.getString("detail"), Sql.time(rs, "requested_at"),
                Sql.time(rs, "connected_at"), Sql.time(rs, "ended_at"), history);
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
