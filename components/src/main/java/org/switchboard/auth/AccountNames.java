package org.switchboard.auth;

import java.util.Locale;
import java.util.regex.Pattern;

/** User and API key names as stored: trimmed, lower-case, the CHECK of V7. */
public final class AccountNames {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{0,63}$");

    private AccountNames() {
    }

    /** @throws IllegalArgumentException when it is not 1-64 of a-z, 0-9, '.', '_', '@', '-' (starting a-z or 0-9) */
    public static String of(String raw, String what) {
        String name = normalise(raw);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + (raw == null ? "" : raw.strip()) + "\" cannot be a " + what
                    + " name: use 1 to 64 characters a-z, 0-9, '.', '_', '@' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** Whether a name could be stored at all; lookups of names that could not skip the database. */
    static boolean valid(String name) {
        return NAME.matcher(name).matches();
    }

    static String normalise(String raw) {
        return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    }
}
