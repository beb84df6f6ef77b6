package org.switchboard.auth;

import java.util.Locale;

/** What a user or key may do: admin everything (users, keys included), staff everything else. */
public enum Role {
    ADMIN, STAFF;

    /** As stored and shown: {@code admin}, {@code staff}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but admin or staff (any case) */
    public static Role parse(String raw) {
        String r = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.name().equals(r)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be admin or staff, not \"" + (raw == null ? "" : raw.strip()) + "\"");
    }
}
