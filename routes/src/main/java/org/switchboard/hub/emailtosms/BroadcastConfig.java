package org.switchboard.hub.emailtosms;

import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;

/**
 * {@code switchboard.broadcast.*}: the size above which a broadcast waits for the sender's YES, and when its report is
 * mailed. (The domain broadcasts are addressed in is a mail setting, the pace of a line, {@code seconds-per-part}, the
 * channels'.)
 */
public final class BroadcastConfig implements SettingsSection {
    private int confirmAbove = 50;
    private long reportGraceMillis = 120_000;
    private long reportPollMillis = 2000;

    @Override
    public String prefix() {
        return "switchboard.broadcast.";
    }

    @Override
    public void check(SettingsCheck check) {
        check.atLeast("confirm-above", confirmAbove, 0);
        check.atLeast("report-grace-millis", reportGraceMillis, 0);
        check.atLeast("report-poll-millis", reportPollMillis, 1);
    }

    public int getConfirmAbove() {
        return confirmAbove;
    }

    public void setConfirmAbove(int confirmAbove) {
        this.confirmAbove = confirmAbove;
    }

    public long getReportGraceMillis() {
        return reportGraceMillis;
    }

    public void setReportGraceMillis(long reportGraceMillis) {
        this.reportGraceMillis = reportGraceMillis;
    }

    public long getReportPollMillis() {
        return reportPollMillis;
    }

    public void setReportPollMillis(long reportPollMillis) {
        this.reportPollMillis = reportPollMillis;
    }
}
