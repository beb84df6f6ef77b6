package org.switchboard.hub.mail;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;

/** The mail an IMAP route's exchange carries, as the message camel-mail read (its body not yet fetched). */
public final class MimeMessages {
    private MimeMessages() {
    }

    public static MimeMessage of(Exchange exchange) {
        if (exchange.getIn() instanceof MailMessage mm && mm.getMessage() instanceof MimeMessage m) {
            return m;
        }
        Message m = exchange.getIn().getBody(Message.class);
        if (m instanceof MimeMessage mime) {
            return mime;
        }
        throw new IllegalArgumentException("not a MIME message");
    }
}
