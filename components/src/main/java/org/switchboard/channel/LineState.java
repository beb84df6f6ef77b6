package org.switchboard.channel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a channel now.
 *
 * @param line       the line
 * @param state      whether it can take a message
 * @param reason     why it cannot (null when ready)
 * @param attributes what a person watching it wants to see, in order (a modem: signal, registration, operator ...)
 */
public record LineState(String line, State state, String reason, Map<String, Object> attributes) {

    public enum State {
        /** Takes messages. */
        READY,
        /** Coming up for the first time: not a fault, only not yet able to send. */
        STARTING,
        /** Cannot take messages: gone, off the network, refused. */
        DOWN
    }

    public LineState {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(state, "state");
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public boolean ready() {
        return state == State.READY;
    }
}
