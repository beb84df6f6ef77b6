package org.switchboard.store;

import java.time.OffsetDateTime;

/** A stored inbound SMS and the state of its email to the help desk. */
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
        String emailError) {

    boolean optOut() {
        return optOutKeyword != null;
    }
}
