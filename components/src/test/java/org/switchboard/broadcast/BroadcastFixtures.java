package org.switchboard.broadcast;

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
            Transactions.bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Transactions.bind(ps, args);
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
}
