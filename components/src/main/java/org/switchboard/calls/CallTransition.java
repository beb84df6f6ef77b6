package org.switchboard.calls;

import java.time.Instant;
import java.util.Objects;

/**
 * A call moved to {@code state}: its cause when final ({@link CallCause}), the PBX's Q.850 cause code when it gave
 * one, and a line for people (the PBX's own words).
 */
public record CallTransition(long callId, CallState state, String cause, Integer causeCode, String detail, Instant at) {
    public CallTransition {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }

    public static CallTransition to(long callId, CallState state, String detail, Instant at) {
        return new CallTransition(callId, state, null, null, detail, at);
    }

    public static CallTransition failed(long callId, String cause, Integer causeCode, String detail, Instant at) {
        return new CallTransition(callId, CallState.FAILED, cause, causeCode, detail, at);
    }
}
