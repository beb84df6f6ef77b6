package org.switchboard.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, migrated PostgreSQL database per test class on the local server (127.0.0.1:5432, user postgres,
 * trust auth), dropped afterwards. Without that server the tests are skipped, or fail when the environment
 * says SWITCHBOARD_REQUIRE_TOOLS=1 (CI).
 */
public final class TestDatabases {

    public static final String HOST = System.getProperty("switchboard.test.pg.host", "127.0.0.1");
    public static final int PORT = Integer.getInteger("switchboard.test.pg.port", 5432);
    public static final String USER = "postgres";

    private TestDatabases() {
    }

    /** A new database, migrated through {@link Database#open}; closing it drops it. */
    public static TestDatabase create() {
        String name = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection admin = admin(); Statement st = admin.createStatement()) {
            // CREATE DATABASE takes no bound parameters; the name is ours, made of [a-z0-9_].
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        Database db = Database.open(DatabaseSettings.external(url(name), USER, null));
        return new TestDatabase(name, db);
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** Empties every table the migrations made, so each test starts from nothing. */
    public static void truncateAll(DataSource dataSource) {
        truncate(dataSource, "contact", "inbound_sms", "conversation", "outbound_sms", "opt_out", "journal", "voicemail_notify",
                "voicemail_mailbox", "voicemail_forward", "voicemail_notification", "kannel_sendsms", "kannel_dlr",
                "smpp_account", "smpp_submit", "smpp_receipt", "smpp_live_bind", "smpp_bind", "smpp_mo_part", "mo_rule",
                "mo_delivery", "dashboard_session", "rate_bucket", "hub_node");
    }

    /** Empties the named tables and restarts their sequences. */
    public static void truncate(DataSource dataSource, String... tables) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // TRUNCATE takes no bound parameters; the names are the tests' own constants.
            st.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty " + String.join(", ", tables) + ": " + e.getMessage(), e);
        }
    }

    private static Connection admin() {
        DriverManager.setLoginTimeout(3);
        try {
            return DriverManager.getConnection(url("postgres"), USER, null);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + HOST + ":" + PORT + " as " + USER + " (" + e.getMessage()
                    + "); start it (see NOTES.md: pg_ctlcluster ... start) or unset SWITCHBOARD_REQUIRE_TOOLS to skip";
            if ("1".equals(System.getenv("SWITCHBOARD_REQUIRE_TOOLS"))) {
                Assertions.fail(message, e);
            }
            Assumptions.abort(message);
            throw new AssertionError("unreachable");
        }
    }

    /** One test database: its {@link Database} and the name to drop. */
    public static final class TestDatabase implements AutoCloseable {

        private final String name;
        private final Database database;

        TestDatabase(String name, Database database) {
            this.name = name;
            this.database = database;
        }

        public String name() {
            return name;
        }

        /** The JDBC URL, for a hub under test to open the database itself. */
        public String url() {
            return TestDatabases.url(name);
        }

        public Database database() {
            return database;
        }

        public DataSource dataSource() {
            return database.dataSource();
        }

        @Override
        public void close() {
            database.close();
            try (Connection admin = admin(); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
