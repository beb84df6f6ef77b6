package org.switchboard.hub.config;

/**
 * How the hub calls applications' URLs from an outbox (Kannel's dlr-url, an MO rule's URL): the idle poll, calls under
 * way at once, each call's timeout, the attempts, and the first pause before an attempt again (doubling up to the
 * outbox's longest). The keys are the same wherever it is used: {@code poll-millis}, {@code max-in-flight},
 * {@code timeout-millis}, {@code max-attempts}, {@code first-retry-millis}.
 */
public class CallbackSettings {
    private long pollMillis = 250;
    private int maxInFlight = 32;
    private long timeoutMillis = 10_000;
    private int maxAttempts;
    private long firstRetryMillis = 2000;

    /** @param maxAttempts the attempts before the call is given up, by default */
    protected CallbackSettings(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** Checks each key, named under {@code prefix} ({@code "dlr."}, or {@code ""} for a section's own keys). */
    public void check(SettingsCheck check, String prefix) {
        check.atLeast(prefix + "poll-millis", pollMillis, 1);
        check.atLeast(prefix + "max-in-flight", maxInFlight, 1);
        check.atLeast(prefix + "timeout-millis", timeoutMillis, 1);
        check.atLeast(prefix + "max-attempts", maxAttempts, 1);
        check.atLeast(prefix + "first-retry-millis", firstRetryMillis, 1);
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
