package org.switchboard.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import org.switchboard.hub.embedded.EmbeddedMail;
import org.switchboard.hub.mail.MailConfig;
import org.switchboard.hub.mail.MailEndpoints;
import org.switchboard.hub.mail.SmtpSender;
import org.switchboard.mail.MailSettings;
import org.switchboard.mail.TestMailSettings;

/**
 * The hub's embedded mail server for route tests, started as the embedded default starts it (GreenMail on loopback,
 * here on free ports): the help desk's, the hub's, a staff member's and the voicemail mailboxes, and mail to the SMS
 * and broadcast domains delivered to the hub's mailbox. Mail is read back from the mailboxes GreenMail keeps.
 */
public final class TestMail implements AutoCloseable {
    public static final String HUB = "hub@switchboard.local";
    public static final String HELPDESK = "helpdesk@switchboard.local";
    public static final String STAFF = "staff@switchboard.local";
    public static final String VOICEMAIL = EmbeddedMail.VOICEMAIL_BOX;
    public static final String PASSWORD = "hub";
    public static final MailSettings SETTINGS = TestMailSettings.embeddedDefault(ZoneId.of("Asia/Jakarta"));

    private final EmbeddedMail server;
    private final Session session = Session.getInstance(new Properties());

    private TestMail(EmbeddedMail server) {
        this.server = server;
    }

    /** On free ports. */
    public static TestMail start() {
        return start(0);
    }

    /** With SMTP on {@code smtpPort} (a port the test reserved, e.g. where an outage was), IMAP on a free port. */
    public static TestMail start(int smtpPort) {
        return new TestMail(EmbeddedMail.start(smtpPort, 0, List.of(new EmbeddedMail.Mailbox(HELPDESK, "helpdesk"),
                new EmbeddedMail.Mailbox(HUB, PASSWORD), new EmbeddedMail.Mailbox(STAFF, "staff"),
                new EmbeddedMail.Mailbox(VOICEMAIL, EmbeddedMail.VOICEMAIL_PASSWORD)),
                List.of(SETTINGS.smsDomain(), SETTINGS.broadcastDomain()), HUB));
    }

    /** A port nothing listens on: an SMTP server that is down. */
    public static int deadPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int smtpPort() {
        return server.smtpPort();
    }

    /** The hub's mail settings as its defaults give them, the hub's mailbox polled every 100 ms. */
    public static MailConfig config() {
        MailConfig config = new MailConfig();
        config.getSmtp().setPassword(PASSWORD);
        config.getImap().setPassword(PASSWORD);
        config.getImap().setPollMillis(100);
        return config;
    }

    /** The hub's SMTP and IMAP endpoints on this server. */
    public MailEndpoints endpoints() {
        return new MailEndpoints(config(), server.smtpPort(), server.imapPort());
    }

    /** The hub's endpoints with IMAP on this server but SMTP on {@code smtpPort}. */
    public MailEndpoints endpoints(int smtpPort) {
        return new MailEndpoints(config(), smtpPort, server.imapPort());
    }

    /** The kept-open SMTP sender, as the mail module makes it, to {@code smtpPort}. */
    public static SmtpSender sender(int smtpPort, int connections) {
        return new SmtpSender(new MailEndpoints(config(), smtpPort, 0).smtpServer(), connections);
    }

    public MimeMessage compose() {
        // keeps the Message-ID the test sets
        return new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (getHeader("Message-ID") == null) {
                    super.updateMessageID();
                }
            }
        };
    }

    /** Sends over SMTP as a mail program would, to the recipients in its headers. */
    public void send(MimeMessage mail) throws MessagingException {
        mail.saveChanges();
        try (Transport t = session.getTransport("smtp")) {
            t.connect("127.0.0.1", server.smtpPort(), null, null);
            t.sendMessage(mail, mail.getAllRecipients());
        }
    }

    /** What the mailbox {@code address} holds, oldest first (none when nothing was ever delivered to it). */
    public List<StoredMessage> stored(String address) {
        GreenMailUser user = server.greenMail().getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        try {
            return server.greenMail().getManagers().getImapHostManager().getInbox(user).getMessages();
        } catch (Exception e) {
            throw new IllegalStateException("reading the mailbox of " + address, e);
        }
    }

    /** The mails in {@code address}'s mailbox, oldest first. */
    public List<MimeMessage> mails(String address) {
        List<MimeMessage> out = new ArrayList<>();
        stored(address).forEach(m -> out.add(m.getMimeMessage()));
        return out;
    }

    /** Whether every mail in {@code address}'s mailbox is marked seen (read and done with). */
    public boolean allSeen(String address) {
        return stored(address).stream().allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    public static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
