package org.switchboard.journal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/** The batched journal writer against a real PostgreSQL. */
class JournalWriterTest {

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    @BeforeEach
    void emptyTables() {
        TestDatabases.truncateAll(db.dataSource());
    }

    @Test
    void tenThousandHopsAreAllCommittedByFlush() {
        try (JournalWriter writer = new JournalWriter(db.dataSource())) {
            long start = System.nanoTime();
            OffsetDateTime at = OffsetDateTime.now();
            for (int i = 0; i < 10_000; i++) {
                writer.record(new Hop(JournalKind.INBOUND_SMS.value(), i % 100, "hop-" + i, at, "sms-in", null, null));
            }
            long recorded = System.nanoTime();
            writer.flush();
            long flushed = System.nanoTime();

            assertEquals(10_000, count());
            assertEquals(10_000, writer.written());
            System.out.printf("journal: 10,000 hops recorded in %d ms, committed %d ms later%n",
                    (recorded - start) / 1_000_000, (flushed - recorded) / 1_000_000);
        }
    }

    @Test
    void hopsOfOneMessageReadBackInOrder() {
        // PostgreSQL keeps microseconds.
        OffsetDateTime t0 = OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (JournalWriter writer = new JournalWriter(db.dataSource())) {
            writer.record(new Hop("inbound_sms", 7, "read", t0, "sms-in", "modem1", null));
            writer.record(new Hop("inbound_sms", 8, "read", t0, "sms-in", null, null));
            writer.record(new Hop("inbound_sms", 7, "stored", t0, "sms-in", null, null));
            writer.record(new Hop("inbound_sms", 7, "emailed", t0.plusSeconds(1), "sms-to-email", "<m@x>", null));
            writer.record(new Hop("outbound_sms", 7, "stored", t0, "email-to-sms", null, null));
            writer.record(new Hop("inbound_sms", 7, "emailed", t0.plusSeconds(2), "sms-to-email", null, "SMTP down\u0000"));
            writer.flush();
        }
        List<Hop> hops = new JournalReader(db.dataSource()).hops("inbound_sms", 7);
        assertEquals(List.of("read", "stored", "emailed", "emailed"), hops.stream().map(Hop::hop).toList());
        assertEquals("modem1", hops.get(0).detail());
        assertEquals("<m@x>", hops.get(2).detail());
        assertNull(hops.get(2).error());
        assertEquals("SMTP down\uFFFD", hops.get(3).error());
        assertEquals(t0.toInstant(), hops.get(0).at().toInstant());
    }

    @Test
    void aDatabaseOutageDelaysHopsButLosesNone() {
        AtomicBoolean down = new AtomicBoolean(true);
        DataSource flaky = new Outage(db.dataSource(), down);
        try (JournalWriter writer = new JournalWriter(flaky)) {
            for (int i = 0; i < 1_000; i++) {
                writer.record(Hop.now(JournalKind.EMAIL, i, "received", "email-to-sms", null, null));
            }
            assertTrue(!writer.flush(Duration.ofMillis(300)), "flush must wait while the database is down");
            assertEquals(0, count());

            down.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() == 1_000);
            writer.record(Hop.now(JournalKind.EMAIL, 1, "after", null, null, null));
            writer.flush();
            assertEquals(1_001, count());
        }
    }

    @Test
    void closeWritesWhatIsQueued() {
        JournalWriter writer = new JournalWriter(db.dataSource());
        for (int i = 0; i < 2_000; i++) {
            writer.record(Hop.now(JournalKind.OUTBOUND_SMS, i, "stored", null, null, null));
        }
        writer.close();
        assertEquals(2_000, count());
        // After close a late hop (a route still stopping) is written directly.
        writer.record(Hop.now(JournalKind.OUTBOUND_SMS, 1, "late", null, null, null));
        assertEquals(2_001, count());
    }

    private static long count() {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM journal")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real database behind a switch that refuses connections, as a server restart does. */
    private static final class Outage implements DataSource {
        private final DataSource real;
        private final AtomicBoolean down;

        Outage(DataSource real, AtomicBoolean down) {
            this.real = real;
            this.down = down;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                throw new SQLTransientConnectionException("Connection to 127.0.0.1:5432 refused", "08001");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return real.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return real.isWrapperFor(iface);
        }
    }
}
