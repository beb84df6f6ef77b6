package org.switchboard.hub.kannel;

import org.switchboard.hub.config.CallbackSettings;
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

    /** {@code switchboard.kannel.dlr.*}: how dlr-url calls are made and retried (10 attempts by default). */
    public static final class Dlr extends CallbackSettings {
        Dlr() {
            super(10);
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
        dlr.check(check, "dlr.");
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
