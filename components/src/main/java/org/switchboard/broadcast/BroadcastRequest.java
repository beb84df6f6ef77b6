package org.switchboard.broadcast;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a staff member asked for: send {@code template} to the contacts matching {@code filter}.
 *
 * @param requestedBy the staff address (or API user) the broadcast belongs to
 * @param source      "email" or "api"
 * @param sourceRef   the request email's Message-ID or an API idempotency key: the same ref planned twice is one
 *                    broadcast; null when the request cannot be recognised again
 * @param segment     the saved segment the filter came from, or null for an ad-hoc filter
 * @param filter      attribute to value; a contact matches when it has every pair (empty: every contact)
 * @param template    the text with placeholders, see {@link Template}
 * @param hold        store the SMS HELD until the sender confirms, instead of releasing them at once
 */
public record BroadcastRequest(String requestedBy, String source, String sourceRef, String segment,
        Map<String, String> filter, String template, boolean hold) {

    public static final String SOURCE_EMAIL = "email";
    public static final String SOURCE_API = "api";

    public BroadcastRequest {
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(template, "template");
        // Sorted, so the stored filter and the preview's wording do not depend on a HashMap's order.
        filter = filter == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(filter));
    }
}
