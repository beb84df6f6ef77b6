package org.switchboard.calls;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A click-to-call as stored: who asked, the agent's extension, the customer's number, the way it went to the PBX, where
 * it stands (and why, once final), and its states with their times ({@code history}, empty in lists).
 */
public record Call(long id, String way, String requestedBy, String agent, String customer, CallState state,
        String cause, Integer causeCode, String detail, OffsetDateTime requestedAt, OffsetDateTime connectedAt,
        OffsetDateTime endedAt, List<Change> history) {

    /** One state the call reached, when, and the PBX's words for it. */
    public record Change(CallState state, OffsetDateTime at, String cause, Integer causeCode, String detail) {
    }

    /** How long the agent and the customer were connected; null when they never were, or are still. */
    public Duration talked() {
        return connectedAt == null || endedAt == null ? null : Duration.between(connectedAt, endedAt);
    }
}
