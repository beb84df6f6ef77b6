package org.switchboard.broadcast;

import org.switchboard.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

/** Contacts, opt-outs and outbound rows in given states, written straight to the tables for broadcast tests. */
final class BroadcastFixtures {

    private final DataSource dataSource;

    BroadcastFixtures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void emptyTables() {
        sql("TRUNCATE outbound_sms, broadcast, segment, contact, opt_out, inbound_sms, conversation, journal"
                + " RESTART IDENTITY CASCADE");
    }

    void contact(String number, String name, Map<String, String> attributes) {
        sql("INSERT INTO contact (number, name, attributes) VALUES (?, ?, ?::jsonb)", number, name,
                Filters.toJson(attributes));
    }

    void optOut(String number) {
        sql("INSERT INTO opt_out (number, keyword) VALUES (?, 'STOP')", number);
    }

    int sql(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    void script(String sql) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A broadcast row in {@code status}, confirmed an hour ago unless awaiting confirmation. */
    long broadcast(String status) {
        return count("INSERT INTO broadcast (requested_by, source, filter, template, status, confirmed_at)"
                + " VALUES ('guru@school.example', 'api', '{}', 'Halo', ?,"
                + " CASE WHEN ? <> 'AWAITING_CONFIRMATION' THEN now() - interval '1 hour' END) RETURNING id",
                status, status);
    }

    /**
     * One outbound row of a broadcast; {@code sentAgo} (minutes, or null) sets sent_at for SENT rows and
     * claimed_at for FAILED ones.
     */
    long row(long broadcastId, String recipient, String status, String deliveryStatus, Integer sentAgo) {
        return count("INSERT INTO outbound_sms (recipient, text, source, status, lane, broadcast_id, delivery_status,"
                + " sent_at, claimed_at)"
                + " VALUES (?, 'Halo', 'broadcast', ?, 1, ?, ?,"
                + " CASE WHEN ? = 'SENT' THEN now() - make_interval(mins => ?) END,"
                + " CASE WHEN ? IN ('FAILED', 'SENDING') THEN now() - make_interval(mins => ?) END) RETURNING id",
                recipient, status, broadcastId, deliveryStatus, status, sentAgo == null ? 0 : sentAgo, status,
                sentAgo == null ? 0 : sentAgo);
    }
}
