package org.switchboard.hub.kannel;

import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;

/**
 * {@code switchboard.kannel.*}: whether Kannel's sendsms is served, how concurrent requests are committed together,
 * and how dlr-url calls are made and retried.
 */
public final class KannelConfig implements SettingsSection {
    private boolean enabled = true;
    private int commitWriters = 2;
    private int commitMaxRows = 500;
    private final Dlr dlr = new Dlr();

    /** {@code switchboard.kannel.dlr.*}. */
    public static final class Dlr {
        private long pollMillis = 250;
        private int maxInFlight = 32;
        private long timeoutMillis = 10_000;
        private int maxAttempts = 10;
        private long firstRetryMillis = 2000;

        public long getPollMillis() {
            return pollMillis;
        }

        public void setPollMillis(long pollMillis) {
            this.pollMillis = pollMillis;
        }

        public int getMaxInFlight() {
            return maxInFlight;
        }

        public void setMaxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
        }

        public long getTimeoutMillis() {
            return timeoutMillis;
        }

        public void setTimeoutMillis(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public long getFirstRetryMillis() {
            return firstRetryMillis;
        }

        public void setFirstRetryMillis(long firstRetryMillis) {
            this.firstRetryMillis = firstRetryMillis;
        }
    }

    @Override
    public String prefix() {
        return "switchboard.kannel.";
    }

    @Override
    public void check(SettingsCheck check) {
        check.atLeast("commit-writers", commitWriters, 1);
        check.atLeast("commit-max-rows", commitMaxRows, 1);
        check.atLeast("dlr.poll-millis", dlr.pollMillis, 1);
        check.atLeast("dlr.max-in-flight", dlr.maxInFlight, 1);
        check.atLeast("dlr.timeout-millis", dlr.timeoutMillis, 1);
        check.atLeast("dlr.max-attempts", dlr.maxAttempts, 1);
        check.atLeast("dlr.first-retry-millis", dlr.firstRetryMillis, 1);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getCommitWriters() {
        return commitWriters;
    }

    public void setCommitWriters(int commitWriters) {
        this.commitWriters = commitWriters;
    }

    public int getCommitMaxRows() {
        return commitMaxRows;
    }

    public void setCommitMaxRows(int commitMaxRows) {
        this.commitMaxRows = commitMaxRows;
    }

    public Dlr getDlr() {
        return dlr;
    }
}
