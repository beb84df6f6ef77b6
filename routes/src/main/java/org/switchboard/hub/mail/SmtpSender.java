package org.switchboard.hub.mail;

import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.net.SocketFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.switchboard.hub.monitor.MailServer;

/**
 * Hands emails to SMTP over a few connections kept open. camel-mail's producer opens, authenticates and closes a
 * connection for every email; with TLS and auth against a real server, and even against GreenMail on loopback (about
 * 50 ms a connection), that is most of the cost of an email. Each connection is checked (NOOP) before it is used
 * again, and dropped after an error, so a connection the server closed while idle costs a reconnect, never an email.
 */
public final class SmtpSender implements AutoCloseable {
    private final MailServer server;
    private final int connections;
    private final Session session;
    private final BlockingQueue<Transport> idle;

    public SmtpSender(MailServer server, int connections) {
        this.server = server;
        Properties p = new Properties();
        String protocol = server.tls() ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "30000");
        p.put("mail." + protocol + ".writetimeout", "30000");
        if (!server.tls()) {
            p.put("mail.smtp.socketFactory", new NoDelaySocketFactory(SocketFactory.getDefault()));
        }
        if (server.user() != null && !server.user().isBlank()) {
            p.put("mail." + protocol + ".auth", "true");
        }
        this.session = Session.getInstance(p);
        this.connections = Math.max(1, connections);
        this.idle = new ArrayBlockingQueue<>(this.connections);
    }

    /** How many connections it keeps open: as many threads may send at once. */
    public int connections() {
        return connections;
    }

    /** Sends one email to the recipients in its headers; returns its Message-ID. */
    public String send(MimeMessage message) throws MessagingException {
        Transport transport = take();
        try {
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(transport);
            throw e;
        }
        if (!idle.offer(transport)) {
            closeQuietly(transport);
        }
        return message.getMessageID();
    }

    private Transport take() throws MessagingException {
        Transport t;
        while ((t = idle.poll()) != null) {
            if (t.isConnected()) {
                return t;
            }
            closeQuietly(t);
        }
        Transport fresh = session.getTransport();
        fresh.connect(server.host(), server.port(), blankToNull(server.user()), blankToNull(server.password()));
        return fresh;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void closeQuietly(Transport t) {
        try {
            t.close();
        } catch (MessagingException | RuntimeException e) {
            // already broken
        }
    }

    @Override
    public void close() {
        Transport t;
        while ((t = idle.poll()) != null) {
            closeQuietly(t);
        }
    }
}
