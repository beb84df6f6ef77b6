package org.switchboard.store;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stored outbound SMS and its sending state; {@code messageRefs} are the modem's references, one per part. {@code lane}
 * 0 (single SMS) goes before 1 (broadcasts); {@code errorCode} is the +CMS/+CME code of the last failure;
 * {@code possibleDuplicate} says it may have gone out twice (a send interrupted after the modem had it); {@code requeues}
 * counts the times a modem's fault sent it back to the queue.
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
        List<Integer> messageRefs,
        String error,
        OffsetDateTime createdAt,
        OffsetDateTime sentAt,
        Long broadcastId,
        int lane,
        Integer errorCode,
        boolean possibleDuplicate,
        int requeues) {

    public OutboundSms {
        messageRefs = messageRefs == null ? List.of() : List.copyOf(messageRefs);
    }
}
