package org.switchboard.deadletter;

import java.util.Objects;

import org.switchboard.store.StorableText;

/**
 * One message set aside: where it came from ({@code imap hub@example.org}), what names it there (an email's
 * Message-ID), who sent it when known, the failure, and how many times it failed.
 */
public record DeadLetter(String source, String reference, String sender, String error, int attempts) {
    public DeadLetter {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(error, "error");
        // What failed may be exactly what the database refuses: the record of it must not fail the same way.
        source = StorableText.replaceUnstorable(source);
        reference = StorableText.replaceUnstorable(reference);
        sender = StorableText.replaceUnstorable(sender);
        error = StorableText.replaceUnstorable(error);
    }
}
