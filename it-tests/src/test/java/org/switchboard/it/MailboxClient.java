package org.switchboard.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/** A mail client over real SMTP and IMAP, as staff would use one. */
final class MailboxClient {
    private final int smtpPort;
    private final int imapPort;
    private final Session session = Session.getInstance(new Properties());

    MailboxClient(int smtpPort, int imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    Session session() {
        return session;
    }

    /** Every message in the user's INBOX, fully read (detached from the folder). */
    List<MimeMessage> inbox(String user, String password) throws Exception {
        Store store = session.getStore("imap");
        store.connect("127.0.0.1", imapPort, user, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<MimeMessage> out = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                out.add(new MimeMessage((MimeMessage) m));
            }
            inbox.close(false);
            return out;
        } finally {
            store.close();
        }
    }

    /** A new message that keeps the Message-ID the test gives it. */
    MimeMessage compose() {
        return new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                if (getHeader("Message-ID") == null) {
                    super.updateMessageID();
                }
            }
        };
    }

    /** Sends {@code message} to {@code envelope} alone, whatever its headers name: a mail server's alias at work. */
    void sendTo(MimeMessage message, String envelope) throws Exception {
        Transport transport = session.getTransport("smtp");
        transport.connect("127.0.0.1", smtpPort, null, null);
        try {
            transport.sendMessage(message, new jakarta.mail.Address[] {new jakarta.mail.internet.InternetAddress(
                    envelope)});
        } finally {
            transport.close();
        }
    }

    void send(MimeMessage message) throws Exception {
        Transport transport = session.getTransport("smtp");
        transport.connect("127.0.0.1", smtpPort, null, null);
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } finally {
            transport.close();
        }
    }
}
