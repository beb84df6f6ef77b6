package org.switchboard.mail;

import java.time.ZoneId;

/** The mail settings of the embedded default (DESIGN.md), for tests that write or read the hub's mail. */
public final class TestMailSettings {

    private TestMailSettings() {
    }

    public static MailSettings embeddedDefault(ZoneId zone) {
        // No broadcast domain: it is the one next to the SMS domain, broadcast.switchboard.local.
        return new MailSettings("helpdesk@switchboard.local", "sms.switchboard.local", "hub@switchboard.local", zone, 6,
                null);
    }
}
