package org.switchboard.broadcast;

import java.time.OffsetDateTime;
import java.util.Map;

/** One row of the broadcast table. */
public record Broadcast(long id, String requestedBy, String source, String sourceRef, String segment,
        Map<String, String> filter, String template, BroadcastStatus status, int recipients, int optedOut,
        int invalid, int duplicates, long parts, String previewMessageId, String reportMessageId,
        OffsetDateTime createdAt, OffsetDateTime confirmedAt, OffsetDateTime finishedAt, OffsetDateTime reportedAt) {

    public Broadcast {
        filter = filter == null ? Map.of() : Map.copyOf(filter);
    }
}
