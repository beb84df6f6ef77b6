package org.switchboard.hub;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.switchboard.store.Sql;
import org.switchboard.store.TestDatabases;

/**
 * What the route tests read back from the database: a message's journal hops, single values, and a data source whose
 * database the test can take down and bring back.
 */
public final class TestRows {
    private TestRows() {
    }

    /** Empties every table the migrations made and restarts their ids, so each test starts from nothing. */
    public static void emptyAll(DataSource db) {
        TestDatabases.truncate(db, "dead_letter", "contact", "inbound_sms", "conversation", "outbound_sms", "opt_out",
                "journal", "segment", "broadcast", "voicemail_notify", "voicemail_mailbox", "voicemail_forward",
                "voicemail_notification", "kannel_sendsms", "kannel_dlr", "smpp_account", "smpp_submit", "smpp_receipt",
                "smpp_live_bind", "smpp_bind", "smpp_mo_part", "mo_rule", "mo_delivery", "dashboard_session", "rate_bucket");
    }

    /**
     * The journal of one message in order, each hop as {@code hop: detail}, or {@code hop: failed: error} when it
     * failed (flush the {@link org.switchboard.journal.JournalWriter} first: it writes in batches).
     */
    public static List<String> hops(DataSource db, String kind, long id) {
        return texts(db, "SELECT hop || ': ' || coalesce('failed: ' || error, detail, '') FROM journal"
                + " WHERE message_kind = ? AND message_id = ? ORDER BY id", kind, id);
    }

    /** The first column of every row {@code sql} returns, as text. */
    public static List<String> texts(DataSource db, String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The one value {@code sql} returns, as text (null for SQL NULL or no row). */
    public static String text(DataSource db, String sql, Object... args) {
        List<String> rows = texts(db, sql, args);
        if (rows.size() > 1) {
            throw new IllegalStateException(sql + " returned " + rows.size() + " rows, not one");
        }
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    public static int update(DataSource db, String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public static long count(DataSource db, String sql, Object... args) {
        return Long.parseLong(text(db, sql, args));
    }

    /**
     * {@code db} as long as {@code up} says so; while it does not, every connection is refused the way a stopped
     * PostgreSQL refuses it (a transient connection failure), as during a restart of the database.
     */
    public static DataSource switchable(DataSource db, BooleanSupplier up) {
        return (DataSource) Proxy.newProxyInstance(TestRows.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && !up.getAsBoolean()) {
                        throw new SQLTransientConnectionException("connection refused: the database is down (test)",
                                "08001");
                    }
                    try {
                        return method.invoke(db, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
