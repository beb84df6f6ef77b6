package org.switchboard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's PostgreSQL: a configured server, or an embedded one when no URL is configured, migrated to the
 * current schema and reached through a connection pool.
 * <p>
 * The embedded default is a real PostgreSQL (zonky), not H2 in PostgreSQL mode: one engine everywhere means
 * the same migrations, the same SKIP LOCKED, jsonb, arrays and ON CONFLICT in the default run, in the tests and
 * in production. It costs a few seconds at the very first start (unpacking the server into java.io.tmpdir and
 * initdb); later starts on the same data directory take well under a second here, as root too.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String EMBEDDED_USER = "postgres";
    private static final String EMBEDDED_DATABASE = "postgres";

    private final HikariDataSource dataSource;
    private final EmbeddedPostgres embedded;
    private final EmbeddedDataDir embeddedDir;
    private final String description;
    /** Stops the embedded server when the JVM stops with it still open (a command interrupted with Ctrl-C). */
    private final Thread closeAtExit;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(HikariDataSource dataSource, EmbeddedPostgres embedded, EmbeddedDataDir embeddedDir,
            String description) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.embeddedDir = embeddedDir;
        this.description = description;
        this.closeAtExit = embedded == null ? null : new Thread(this::close, "embedded-postgres-close-at-exit");
        if (closeAtExit != null) {
            Runtime.getRuntime().addShutdownHook(closeAtExit);
        }
    }

    /** Starts (if embedded) and connects to the database, then applies the pending Flyway migrations. */
    public static Database open(DatabaseSettings settings) {
        EmbeddedPostgres embedded = null;
        EmbeddedDataDir embeddedDir = null;
        HikariDataSource pool = null;
        try {
            String url;
            String user;
            String password;
            String description;
            if (settings.wantsEmbedded()) {
                Path dir = settings.embeddedDataDir().toAbsolutePath().normalize();
                embeddedDir = EmbeddedDataDir.claim(dir);
                embedded = startEmbedded(dir, settings.embeddedPort());
                url = embedded.getJdbcUrl(EMBEDDED_USER, EMBEDDED_DATABASE);
                user = EMBEDDED_USER;
                password = null;
                description = "embedded PostgreSQL on 127.0.0.1:" + embedded.getPort() + ", data in " + dir;
            } else {
                url = settings.jdbcUrl().trim();
                user = settings.user();
                password = settings.password();
                description = "PostgreSQL at " + withoutQuery(url) + (user == null || user.isBlank() ? "" : " as " + user);
            }
            pool = pool(url, user, password, settings.wantsEmbedded());
            MigrateResult result = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("{}: schema version {} ({} migration(s) applied)", description,
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted);
            return new Database(pool, embedded, embeddedDir, description);
        } catch (RuntimeException | IOException e) {
            closeQuietly(pool, embedded, embeddedDir);
            throw new DatabaseUnavailableException("cannot open the database ("
                    + (settings.wantsEmbedded() ? "embedded in " + settings.embeddedDataDir() : withoutQuery(settings.jdbcUrl()))
                    + "): " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    boolean embedded() {
        return embedded != null;
    }

    /** Where the database is, in words fit for a start-up banner; never contains a password. */
    public String describe() {
        return description;
    }

    /**
     * For an owner that closes this database itself when the JVM stops, after whatever uses it: the hub stops Camel
     * first. Left to a shutdown hook of its own, the embedded server stopped beside the hub's, under routes still
     * finishing their work, which then waited for connections until Camel's shutdown timed out (45 s, the log full
     * of "Connection refused").
     */
    public void closedByOwnerAtExit() {
        if (closeAtExit != null) {
            Runtime.getRuntime().removeShutdownHook(closeAtExit);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (closeAtExit != null && Thread.currentThread() != closeAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(closeAtExit);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping: the hook is running or will find this closed
            }
        }
        closeQuietly(dataSource, embedded, embeddedDir);
        if (embedded != null) {
            LOG.info("embedded PostgreSQL stopped");
        }
    }

    private static EmbeddedPostgres startEmbedded(Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        long start = System.nanoTime();
        // The first start in a fresh java.io.tmpdir unpacks the server binaries and runs initdb (~20 s);
        // later starts on the same data directory take a few seconds and keep every row.
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false) // the Database's own, which its owner can take over
                .start();
        LOG.info("embedded PostgreSQL started on port {} in {} ms", pg.getPort(), (System.nanoTime() - start) / 1_000_000);
        return pg;
    }

    private static HikariDataSource pool(String url, String user, String password, boolean embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(embedded ? "switchboard-embedded" : "switchboard");
        config.setJdbcUrl(url);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(10);
        // Fail fast at start-up with the driver's reason instead of a pool timeout later.
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    // JDBC URLs may carry credentials as query parameters (?password=...): never print that part.
    static String withoutQuery(String url) {
        if (url == null) {
            return "";
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static void closeQuietly(HikariDataSource pool, EmbeddedPostgres embedded, EmbeddedDataDir embeddedDir) {
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
        if (embeddedDir != null) {
            embeddedDir.close();
        }
    }
}
