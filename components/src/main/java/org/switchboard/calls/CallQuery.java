package org.switchboard.calls;

import java.time.OffsetDateTime;

/** Which calls a list shows, newest first: each filter null for any; {@code beforeId} pages back. */
public record CallQuery(CallState state, String agent, String customer, String requestedBy, OffsetDateTime from,
        OffsetDateTime to, Long beforeId, int limit) {
}
