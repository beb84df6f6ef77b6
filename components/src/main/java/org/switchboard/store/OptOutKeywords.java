package org.switchboard.store;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The SMS texts that opt a number out of messages from the hub. */
public final class OptOutKeywords {

    public static final Set<String> KEYWORDS = Set.of("STOP", "BERHENTI", "UNSUBSCRIBE");

    private OptOutKeywords() {
    }

    /** The keyword, upper-case, when the whole text (trimmed, any case) is one; a sentence that contains it is not. */
    public static Optional<String> match(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String word = text.strip().toUpperCase(Locale.ROOT);
        return KEYWORDS.contains(word) ? Optional.of(word) : Optional.empty();
    }
}
