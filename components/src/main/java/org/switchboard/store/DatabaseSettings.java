package org.switchboard.store;

import java.nio.file.Path;

/**
 * Where the hub's database is: a PostgreSQL JDBC URL with its credentials, or, when the URL is blank, an
 * embedded PostgreSQL whose data lives in {@code embeddedDataDir} on {@code embeddedPort} (0: any free port).
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, Path embeddedDataDir, int embeddedPort) {

    public static final Path DEFAULT_EMBEDDED_DATA_DIR = Path.of("data", "postgres");

    public DatabaseSettings {
        if (embeddedPort < 0 || embeddedPort > 65535) {
            throw new IllegalArgumentException("embeddedPort out of range: " + embeddedPort);
        }
        if (embeddedDataDir == null) {
            embeddedDataDir = DEFAULT_EMBEDDED_DATA_DIR;
        }
    }

    static DatabaseSettings embedded(Path dataDir) {
        return new DatabaseSettings(null, null, null, dataDir, 0);
    }

    static DatabaseSettings external(String jdbcUrl, String user, String password) {
        return new DatabaseSettings(jdbcUrl, user, password, null, 0);
    }

    public boolean wantsEmbedded() {
        return jdbcUrl == null || jdbcUrl.isBlank();
    }

    // Records print every component; a password must never reach a log line through toString().
    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", embeddedDataDir=" + embeddedDataDir + ", embeddedPort=" + embeddedPort + "]";
    }
}
