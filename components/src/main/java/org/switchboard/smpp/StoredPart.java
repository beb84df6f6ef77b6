package org.switchboard.smpp;

/**
 * A part of a long message, stored: its message_id, and the outbound SMS its message became when this part was the
 * last one missing (null while others are awaited); {@code partsJoined} says how many parts that SMS took.
 */
public record StoredPart(long id, Long smsId, int partsJoined) {
}
