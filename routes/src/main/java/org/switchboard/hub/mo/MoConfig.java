package org.switchboard.hub.mo;

import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;

/**
 * {@code switchboard.mo.*}: how the hand-over of routed SMS to applications' URLs runs: its poll, calls under way at
 * once, each call's timeout, and the attempts (with backoff from first-retry-millis up to the outbox's longest pause)
 * before the SMS goes to the help desk instead.
 */
public final class MoConfig implements SettingsSection {
    private long pollMillis = 250;
    private int maxInFlight = 32;
    private long timeoutMillis = 10_000;
    private int maxAttempts = 20;
    private long firstRetryMillis = 2000;

    @Override
    public String prefix() {
        return "switchboard.mo.";
    }

    @Override
    public void check(SettingsCheck check) {
        check.atLeast("poll-millis", pollMillis, 1);
        check.atLeast("max-in-flight", maxInFlight, 1);
        check.atLeast("timeout-millis", timeoutMillis, 1);
        check.atLeast("max-attempts", maxAttempts, 1);
        check.atLeast("first-retry-millis", firstRetryMillis, 1);
    }

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
