package org.switchboard.store;

import java.time.OffsetDateTime;
import java.util.List;

/** A stored outbound SMS and its sending state; {@code messageRefs} are the modem's references, one per part. */
public record OutboundSms(
        long id,
        String recipient,
        String text,
        String source,
        String sourceRef,
        String requestedBy,
        OutboundStatus status,
        int attempts,
        OffsetDateTime nextAttemptAt,
        String modem,
        Integer parts,
        List<Integer> messageRefs,
        String error,
        OffsetDateTime createdAt,
        OffsetDateTime sentAt) {

    public OutboundSms {
        messageRefs = messageRefs == null ? List.of() : List.copyOf(messageRefs);
    }
}
