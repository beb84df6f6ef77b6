package org.switchboard.contacts;

import java.time.OffsetDateTime;

/** A saved, named filter: staff broadcast to it by name (the local part of NAME@broadcast.DOMAIN). */
public record Segment(String name, ContactFilter filter, String description, String createdBy, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
