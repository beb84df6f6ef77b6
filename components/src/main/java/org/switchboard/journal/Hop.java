package org.switchboard.journal;

import java.time.OffsetDateTime;
import java.util.Objects;

import org.switchboard.store.StorableText;

/**
 * One hop of one message: what happened ({@code hop}), when, in which route, with an optional detail and,
 * for a failed hop, the reason in {@code error} (null when the hop succeeded).
 */
public record Hop(String messageKind, long messageId, String hop, OffsetDateTime at, String route, String detail,
        String error) {

    public Hop {
        // A row the database would reject must be refused here: the writer retries failed batches, so a
        // bad row must never reach it.
        Objects.requireNonNull(messageKind, "messageKind");
        Objects.requireNonNull(hop, "hop");
        Objects.requireNonNull(at, "at");
        messageKind = clean(messageKind);
        hop = clean(hop);
        route = clean(route);
        detail = clean(detail);
        error = clean(error);
    }

    public static Hop now(JournalKind kind, long messageId, String hop, String route, String detail, String error) {
        return new Hop(kind.value(), messageId, hop, OffsetDateTime.now(), route, detail, error);
    }

    boolean failed() {
        return error != null;
    }

    // PostgreSQL text cannot hold U+0000 or a lone surrogate, which a decoded SMS or an exception message may contain.
    private static String clean(String s) {
        return StorableText.replaceUnstorable(s);
    }
}
