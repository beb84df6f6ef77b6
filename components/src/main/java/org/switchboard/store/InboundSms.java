package org.switchboard.store;

import java.time.OffsetDateTime;

import org.switchboard.channel.InboundContent;

/** A stored inbound SMS, what it is (text, data, WAP push; class; ports), and the state of its email to the help desk. */
public record InboundSms(
        long id,
        String modem,
        String originator,
        String text,
        int parts,
        boolean incomplete,
        OffsetDateTime receivedAt,
        OffsetDateTime storedAt,
        String fingerprint,
        String optOutKeyword,
        EmailStatus emailStatus,
        int emailAttempts,
        OffsetDateTime emailNextAttemptAt,
        String emailMessageId,
        OffsetDateTime emailedAt,
        String emailError,
        InboundContent content) {

    public InboundSms {
        content = content == null ? InboundContent.PLAIN_TEXT : content;
    }

    boolean optOut() {
        return optOutKeyword != null;
    }
}
