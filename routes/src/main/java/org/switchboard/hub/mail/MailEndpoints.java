package org.switchboard.hub.mail;

import org.apache.camel.builder.EndpointConsumerBuilder;
import org.apache.camel.builder.EndpointProducerBuilder;
import org.apache.camel.builder.endpoint.StaticEndpointBuilders;
import org.switchboard.hub.monitor.MailServer;

/**
 * The hub's SMTP and IMAP endpoints, built with Camel's Endpoint DSL from the mail settings (with the embedded mail
 * server's ports when it runs), so that no route concatenates a URI with a password in it.
 */
public final class MailEndpoints {
    private final MailConfig config;
    private final int smtpPort;
    private final int imapPort;

    /** @param smtpPort, imapPort where the servers listen: the configured ports, or the embedded server's */
    public MailEndpoints(MailConfig config, int smtpPort, int imapPort) {
        this.config = config;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /** Sends to the hub's SMTP server as its configured user. */
    public EndpointProducerBuilder smtp() {
        MailConfig.Server s = config.getSmtp();
        String server = s.getHost() + ":" + smtpPort;
        return (s.isTls() ? StaticEndpointBuilders.smtps(server) : StaticEndpointBuilders.smtp(server))
                .username(s.getUser()).password(s.getPassword());
    }

    /** The hub's own mailbox: staff replies, SMS and broadcasts by mail. */
    public EndpointConsumerBuilder hubMailbox() {
        MailConfig.Mailbox m = config.getImap();
        return imap(m.getUser(), m.getPassword(), m.getFolder());
    }

    /**
     * An IMAP folder polled for unseen mail, which is marked seen (never deleted) once its exchange completes. Camel's
     * mapping would read every mail's body and attachments while it builds the exchange, outside the route: a mail it
     * cannot parse (a broken multipart, an unknown charset) then fails the poll each time and blocks every mail after
     * it, and a 20 MB attachment is read whole. The routes read the MimeMessage themselves, only the parts they need.
     */
    public EndpointConsumerBuilder imap(String user, String password, String folder) {
        MailConfig.Mailbox m = config.getImap();
        String server = m.getHost() + ":" + imapPort;
        return (m.isTls() ? StaticEndpointBuilders.imaps(server) : StaticEndpointBuilders.imap(server))
                .username(user).password(password).unseen(true).delete(false).delay(m.getPollMillis())
                .advanced().folderName(folder).mapMailMessage(false);
    }

    /** The SMTP server as the sender of kept-open connections and the health check take it. */
    public MailServer smtpServer() {
        MailConfig.Server s = config.getSmtp();
        return new MailServer(s.getHost(), smtpPort, s.isTls(), s.getUser(), s.getPassword());
    }

    /** An IMAP account as the health check takes it. */
    public MailServer imapServer(String user, String password) {
        MailConfig.Mailbox m = config.getImap();
        return new MailServer(m.getHost(), imapPort, m.isTls(), user, password);
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }
}
