package org.switchboard.auth;

import java.time.OffsetDateTime;

/** A user as listed: never the password or its hash. */
public record User(String name, Role role, OffsetDateTime createdAt, OffsetDateTime passwordChangedAt) {
}
