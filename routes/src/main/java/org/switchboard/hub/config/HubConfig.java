package org.switchboard.hub.config;

import java.time.ZoneId;

/**
 * What every area of the hub shares: the region national numbers are read in and the hub's time zone, whether the
 * journal is on, and how the outboxes poll and back off ({@code switchboard.region}, {@code .zone},
 * {@code .journal.*}, {@code .outbox.*}).
 */
public final class HubConfig implements SettingsSection {
    private String region = "ID";
    private String zone = "Asia/Jakarta";
    private final Journal journal = new Journal();
    private final Outbox outbox = new Outbox();

    /** {@code switchboard.journal.*}: the journal of every hop; only a benchmark switches it off. */
    public static final class Journal {
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** {@code switchboard.outbox.*}: how often outboxes are polled, and the longest wait between two attempts. */
    public static final class Outbox {
        private long pollMillis = 250;
        private long maxBackoffMillis = 300_000;

        public long getPollMillis() {
            return pollMillis;
        }

        public void setPollMillis(long pollMillis) {
            this.pollMillis = pollMillis;
        }

        public long getMaxBackoffMillis() {
            return maxBackoffMillis;
        }

        public void setMaxBackoffMillis(long maxBackoffMillis) {
            this.maxBackoffMillis = maxBackoffMillis;
        }
    }

    @Override
    public String prefix() {
        return "switchboard.";
    }

    @Override
    public void check(SettingsCheck check) {
        check.notBlank("region", region);
        check.zone("zone", zone);
        check.atLeast("outbox.poll-millis", outbox.pollMillis, 1);
        check.atLeast("outbox.max-backoff-millis", outbox.maxBackoffMillis, 1);
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    public Journal getJournal() {
        return journal;
    }

    public Outbox getOutbox() {
        return outbox;
    }
}
