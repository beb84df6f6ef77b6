package org.switchboard.store;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stored outbound SMS and its sending state. {@code channel} carried it through its line {@code modem} (a modem's
 * name), and {@code partRefs} are the channel's references, one per part. {@code lane} 0 (single SMS) goes before 1
 * (broadcasts); {@code errorCode} is the transport's code of the last failure (+CMS/+CME ERROR); {@code
 * possibleDuplicate} says it may have gone out twice (a send interrupted after the channel had it); {@code requeues}
 * counts the times a line or channel sent it back to the queue; {@code kind} is text or binary; {@code expiresAt} is
 * its validity (Kannel's), null for none.
 */
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
        List<String> partRefs,
        String error,
        OffsetDateTime createdAt,
        OffsetDateTime sentAt,
        Long broadcastId,
        int lane,
        Integer errorCode,
        boolean possibleDuplicate,
        int requeues,
        String channel,
        String kind,
        OffsetDateTime expiresAt) {

    public OutboundSms {
        partRefs = partRefs == null ? List.of() : List.copyOf(partRefs);
    }
}
