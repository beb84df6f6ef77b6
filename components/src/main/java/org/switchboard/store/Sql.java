package org.switchboard.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/** Transactions, single statements and row mapping shared by the hub's stores. */
import org.switchboard.channel.InboundContent;

public final class Sql {

    /** The columns {@link #outbound} reads. */
    static final String OUTBOUND_COLUMNS = "id, recipient, text, source, source_ref, requested_by, status, attempts,"
            + " next_attempt_at, modem, parts, part_refs, error, created_at, sent_at, broadcast_id, lane, error_code,"
            + " possible_duplicate, requeues, channel, kind, expires_at";

    private Sql() {
    }

    /** What runs inside one transaction. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Makes a value of the row a result set stands on. */
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /** Binds one parameter: a {@code String[]} or {@code Integer[]} as an SQL array, anything else as itself. */
    public static void bindOne(Connection c, PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof String[] texts) {
            ps.setArray(index, c.createArrayOf("text", texts));
        } else if (value instanceof Integer[] numbers) {
            ps.setArray(index, c.createArrayOf("int4", numbers));
        } else {
            ps.setObject(index, value);
        }
    }

    /** Binds {@code args} in order; a null binds as SQL NULL of an unspecified type. */
    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    /** One INSERT, UPDATE or DELETE with {@code args} bound in order, in a transaction of its own: the rows changed. */
    public static int update(DataSource dataSource, String what, String sql, Object... args) {
        return inTransaction(dataSource, what, c -> update(c, sql, args));
    }

    /** One INSERT, UPDATE or DELETE with {@code args} bound in order, in the caller's transaction: the rows changed. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /** Every row the bound query {@code ps} returns, each made by {@code row}. */
    public static <T> List<T> list(PreparedStatement ps, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row.map(rs));
            }
        }
        return out;
    }

    /** The first row the bound query {@code ps} returns, made by {@code row}; empty when there is none. */
    public static <T> Optional<T> first(PreparedStatement ps, Row<T> row) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    public static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static List<String> textList(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            Object[] values = (Object[]) array.getArray();
            List<String> list = new ArrayList<>(values.length);
            for (Object v : values) {
                list.add((String) v);
            }
            return list;
        } finally {
            array.free();
        }
    }

    static InboundSms inbound(ResultSet rs) throws SQLException {
        return new InboundSms(
                rs.getLong("id"),
                rs.getString("modem"),
                rs.getString("originator"),
                rs.getString("text"),
                rs.getInt("parts"),
                rs.getBoolean("incomplete"),
                time(rs, "received_at"),
                time(rs, "stored_at"),
                rs.getString("fingerprint"),
                rs.getString("opt_out_keyword"),
                EmailStatus.valueOf(rs.getString("email_status")),
                rs.getInt("email_attempts"),
                time(rs, "email_next_attempt_at"),
                rs.getString("email_message_id"),
                time(rs, "emailed_at"),
                rs.getString("email_error"),
                InboundContent.of(nullableInt(rs, "message_class"), nullableInt(rs, "dest_port"),
                        nullableInt(rs, "src_port"), rs.getBytes("data")));
    }

    static OutboundSms outbound(ResultSet rs) throws SQLException {
        return new OutboundSms(
                rs.getLong("id"),
                rs.getString("recipient"),
                rs.getString("text"),
                rs.getString("source"),
                rs.getString("source_ref"),
                rs.getString("requested_by"),
                OutboundStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                time(rs, "next_attempt_at"),
                rs.getString("modem"),
                nullableInt(rs, "parts"),
                textList(rs, "part_refs"),
                rs.getString("error"),
                time(rs, "created_at"),
                time(rs, "sent_at"),
                nullableLong(rs, "broadcast_id"),
                rs.getInt("lane"),
                nullableInt(rs, "error_code"),
                rs.getBoolean("possible_duplicate"),
                rs.getInt("requeues"),
                rs.getString("channel"),
                rs.getString("kind"),
                time(rs, "expires_at"));
    }
}
