package org.switchboard.hub.mo;

import org.switchboard.hub.config.CallbackSettings;
import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;

/**
 * {@code switchboard.mo.*}: how the hand-over of routed SMS to applications' URLs runs: its poll, calls under way at
 * once, each call's timeout, and the attempts (20 by default, with backoff from first-retry-millis up to the outbox's
 * longest pause) before the SMS goes to the help desk instead.
 */
public final class MoConfig extends CallbackSettings implements SettingsSection {

    public MoConfig() {
        super(20);
    }

    @Override
    public String prefix() {
        return "switchboard.mo.";
    }

    @Override
    public void check(SettingsCheck check) {
        check(check, "");
    }
}
