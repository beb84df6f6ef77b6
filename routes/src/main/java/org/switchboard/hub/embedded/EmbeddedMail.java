package org.switchboard.hub.embedded;

import java.util.List;
import java.util.Locale;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The embedded mail server of the default set-up (GreenMail, SMTP and IMAP on loopback) with the help desk's, the hub's
 * and a staff member's mailboxes. Mail to the SMS and broadcast domains lands in the hub's mailbox, as a catch-all
 * alias in Postfix or Zimbra would deliver it in production.
 */
public final class EmbeddedMail implements AutoCloseable {
    /** Where Asterisk's voicemail emails go in the embedded default, and its password. */
    public static final String VOICEMAIL_BOX = "voicemail@switchboard.local";
    public static final String VOICEMAIL_PASSWORD = "voicemail";

    /** A mailbox of the embedded default: address and password (the login is the address). */
    public record Mailbox(String address, String password) {
    }

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;
    private final List<Mailbox> mailboxes;

    private EmbeddedMail(GreenMail greenMail, int smtpPort, int imapPort, List<Mailbox> mailboxes) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.mailboxes = mailboxes;
    }

    /**
     * Starts SMTP and IMAP on 127.0.0.1.
     *
     * @param catchAllDomains mail to any address in these domains is delivered to {@code catchAllMailbox}
     */
    public static EmbeddedMail start(int smtpPort, int imapPort, List<Mailbox> mailboxes, List<String> catchAllDomains,
            String catchAllMailbox) {
        ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        // Port 0 (tests): any free port.
        GreenMail gm = new GreenMail(new ServerSetup[] { smtpPort == 0 ? smtp.dynamicPort() : smtp,
                imapPort == 0 ? imap.dynamicPort() : imap });
        gm.start();
        for (Mailbox m : mailboxes) {
            gm.setUser(m.address(), m.address(), m.password());
        }
        UserManager users = gm.getUserManager();
        users.setMessageDeliveryHandler((message, address) -> {
            String email = address.getEmail().toLowerCase(Locale.ROOT);
            String domain = email.substring(email.indexOf('@') + 1);
            String target = catchAllDomains.contains(domain) ? catchAllMailbox : email;
            GreenMailUser user = users.getUserByEmail(target);
            return user != null ? user : users.createUser(target, target, target);
        });
        return new EmbeddedMail(gm, gm.getSmtp().getPort(), gm.getImap().getPort(), List.copyOf(mailboxes));
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public List<Mailbox> mailboxes() {
        return mailboxes;
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
