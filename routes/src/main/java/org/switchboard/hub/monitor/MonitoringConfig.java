package org.switchboard.hub.monitor;

import java.time.Duration;

import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;

/**
 * {@code switchboard.health.*} and {@code switchboard.metrics.*}: how long /health's probes may take and how long a
 * result is kept, and how often /metrics counts messages in the database again.
 */
public final class MonitoringConfig implements SettingsSection {
    private final Health health = new Health();
    private final Metrics metrics = new Metrics();

    /** {@code switchboard.health.*}. */
    public static final class Health {
        private long timeoutMillis = 3000;
        private long databaseKeepMillis = 1000;
        private long mailKeepMillis = 10_000;

        public long getTimeoutMillis() {
            return timeoutMillis;
        }

        public void setTimeoutMillis(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        public long getDatabaseKeepMillis() {
            return databaseKeepMillis;
        }

        public void setDatabaseKeepMillis(long databaseKeepMillis) {
            this.databaseKeepMillis = databaseKeepMillis;
        }

        public long getMailKeepMillis() {
            return mailKeepMillis;
        }

        public void setMailKeepMillis(long mailKeepMillis) {
            this.mailKeepMillis = mailKeepMillis;
        }
    }

    /** {@code switchboard.metrics.*}. */
    public static final class Metrics {
        private long countsMaxAgeMillis = 5000;

        public long getCountsMaxAgeMillis() {
            return countsMaxAgeMillis;
        }

        public void setCountsMaxAgeMillis(long countsMaxAgeMillis) {
            this.countsMaxAgeMillis = countsMaxAgeMillis;
        }
    }

    @Override
    public String prefix() {
        return "switchboard.";
    }

    @Override
    public void check(SettingsCheck check) {
        check.atLeast("health.timeout-millis", health.timeoutMillis, 1);
        check.atLeast("health.database-keep-millis", health.databaseKeepMillis, 0);
        check.atLeast("health.mail-keep-millis", health.mailKeepMillis, 0);
        check.atLeast("metrics.counts-max-age-millis", metrics.countsMaxAgeMillis, 0);
    }

    public Health getHealth() {
        return health;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /** As {@link Monitoring} takes it. */
    public Monitoring.Timing timing() {
        return new Monitoring.Timing(Duration.ofMillis(health.timeoutMillis), Duration.ofMillis(health.databaseKeepMillis),
                Duration.ofMillis(health.mailKeepMillis), Duration.ofMillis(metrics.countsMaxAgeMillis));
    }
}
