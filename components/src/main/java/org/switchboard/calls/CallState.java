package org.switchboard.calls;

import java.util.Arrays;

/**
 * Where a click-to-call stands, in the order a call that works goes through them; {@link #ENDED} and {@link #FAILED}
 * are final. {@link #text()} is what the API shows and the {@code call.state} column holds.
 */
public enum CallState {
    REQUESTED("requested"),
    AGENT_RINGING("agent-ringing"),
    AGENT_ANSWERED("agent-answered"),
    CUSTOMER_RINGING("customer-ringing"),
    CONNECTED("connected"),
    /** The customer and the agent spoke; then one of them hung up. */
    ENDED("ended"),
    /** The two never spoke: the PBX, the agent or the customer could not be reached, or refused. */
    FAILED("failed");

    private final String text;

    CallState(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean isFinal() {
        return this == ENDED || this == FAILED;
    }

    /** Whether a call in this state may move to {@code next}: only forward, and never out of a final state. */
    public boolean mayMoveTo(CallState next) {
        return !isFinal() && next.ordinal() > ordinal();
    }

    public static CallState parse(String text) {
        return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a call state: " + text + " (one of "
                        + Arrays.stream(values()).map(CallState::text).toList() + ")"));
    }
}
