package org.switchboard.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on the PostgreSQL at 127.0.0.1:5432 (trust auth), dropped afterwards. Without that server the
 * tests are skipped on a developer's machine and fail under CI (SWITCHBOARD_REQUIRE_TOOLS=1).
 */
final class TestDatabase implements AutoCloseable {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    static TestDatabase create() throws SQLException {
        String name = "sb_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            if ("1".equals(System.getenv("SWITCHBOARD_REQUIRE_TOOLS"))) {
                throw e;
            }
            Assumptions.abort("no PostgreSQL on 127.0.0.1:5432: " + e.getMessage());
        }
        return new TestDatabase(name);
    }

    String url() {
        return SERVER + name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }
}
