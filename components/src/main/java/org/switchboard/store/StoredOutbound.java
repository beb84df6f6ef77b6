package org.switchboard.store;

/** The row an outbound SMS is stored in; {@code duplicate} when a row with the same source_ref already existed. */
public record StoredOutbound(long id, boolean duplicate) {
}
