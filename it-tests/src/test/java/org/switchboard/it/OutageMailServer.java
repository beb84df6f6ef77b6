package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An {@link OwnMailServer} whose SMTP service a test takes down and brings back on the same port, while IMAP and the
 * mailboxes stay: GreenMail cannot restart a stopped service, so the SMTP that comes back is a new server on the
 * same mailboxes.
 */
final class OutageMailServer implements AutoCloseable {
    private final GreenMail greenMail = OwnMailServer.start();
    private final int smtpPort = greenMail.getSmtp().getPort();
    private SmtpServer restartedSmtp;

    GreenMail greenMail() {
        return greenMail;
    }

    /** The port SMTP listens on, before and after an outage. */
    int smtpPort() {
        return smtpPort;
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    void stopSmtp() {
        greenMail.getSmtp().stopService();
    }

    void restartSmtp() throws InterruptedException {
        restartedSmtp = new SmtpServer(new ServerSetup(smtpPort, "127.0.0.1", "smtp"), greenMail.getManagers());
        restartedSmtp.startService();
        assertTrue(restartedSmtp.waitTillRunning(10_000), "SMTP restarted");
    }

    @Override
    public void close() {
        try {
            if (restartedSmtp != null) {
                restartedSmtp.stopService();
            }
        } finally {
            greenMail.stop();
        }
    }
}
