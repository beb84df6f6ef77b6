package org.switchboard.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A mail server the test owns, on loopback with free ports and the embedded default's mailboxes: for tests in which the
 * mail server must outlive the hub (a kill) or go down without it (an outage), as a real one would.
 */
final class OwnMailServer {
    private OwnMailServer() {
    }

    static GreenMail start() {
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort() });
        mail.start();
        for (String box : new String[] {"helpdesk", "hub", "staff"}) {
            mail.setUser(box + "@switchboard.local", box + "@switchboard.local", box);
        }
        return mail;
    }
}
