package org.switchboard.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MimeMessage whose Message-ID survives {@code saveChanges()}: Transport.send calls it and would otherwise
 * replace our deterministic id with a random one, and a resend after a crash would no longer be recognisable.
 */
public final class FixedIdMessage extends MimeMessage {

    private final String messageId;

    public FixedIdMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
