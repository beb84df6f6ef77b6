package org.switchboard.auth;

import java.time.OffsetDateTime;

/** An API key as listed: its name, role and history, never the key. */
public record ApiKey(long id, String name, Role role, String createdBy, OffsetDateTime createdAt,
        OffsetDateTime revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
