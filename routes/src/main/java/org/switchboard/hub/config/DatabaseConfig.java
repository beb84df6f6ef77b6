package org.switchboard.hub.config;

import java.nio.file.Path;

import org.switchboard.store.DatabaseSettings;

/**
 * {@code switchboard.db.*}: a PostgreSQL JDBC URL with its user and password, or, with no URL, the embedded
 * PostgreSQL's data directory and port (0: any free port).
 */
public final class DatabaseConfig implements SettingsSection {
    private String url = "";
    private String user = "postgres";
    private String password = "";
    private String embeddedDir = "data/postgres";
    private int embeddedPort;

    @Override
    public String prefix() {
        return "switchboard.db.";
    }

    @Override
    public void check(SettingsCheck check) {
        if (!url.isBlank() && !url.startsWith("jdbc:postgresql:")) {
            throw check.problem("url", "not a PostgreSQL JDBC URL (jdbc:postgresql://HOST:5432/DATABASE): " + url);
        }
        check.notBlank("embedded-dir", embeddedDir);
        check.port("embedded-port", embeddedPort, true);
    }

    /** As the store opens it. */
    public DatabaseSettings database() {
        return new DatabaseSettings(url, user, password, Path.of(embeddedDir), embeddedPort);
    }

    /** The folder beside the embedded database's, where the hub keeps its other files (the admin password). */
    public Path dataDir() {
        return Path.of(embeddedDir).toAbsolutePath().getParent();
    }

    /** The shared PostgreSQL's JDBC URL; blank: the embedded one. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void setEmbeddedDir(String embeddedDir) {
        this.embeddedDir = embeddedDir;
    }

    public void setEmbeddedPort(int embeddedPort) {
        this.embeddedPort = embeddedPort;
    }
}
