package org.switchboard.hub.monitor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

/** Asks the database the cheapest question through the hub's own pool: a connection and {@code SELECT 1}. */
public final class DatabaseProbe implements Callable<Map<String, Object>> {
    private final DataSource dataSource;
    private final int timeoutSeconds;

    public DatabaseProbe(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    @Override
    public Map<String, Object> call() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            return Map.of("product", c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion());
        }
    }
}
