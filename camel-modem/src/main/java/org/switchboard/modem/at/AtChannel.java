package org.switchboard.modem.at;

import java.util.List;

/**
 * The AT dialogue as a pure state machine: bytes and clock ticks in, {@link AtEvent}s out; no I/O, no threads.
 * One command is in flight at a time.
 */
public final class AtChannel {

    /** True while a command waits for its final result. */
    public boolean busy() {
        throw new UnsupportedOperationException("not implemented");
    }

    /** Starts a command; the result holds the {@link AtEvent.Send} with its bytes. */
    public List<AtEvent> submit(AtCommand command, long nowMillis) {
        throw new UnsupportedOperationException("not implemented");
    }

    /** Feeds bytes read from the modem. */
    public List<AtEvent> receive(byte[] buffer, int offset, int length, long nowMillis) {
        throw new UnsupportedOperationException("not implemented");
    }

    /** Lets time pass: completes the command in flight with TIMEOUT once its deadline is reached. */
    public List<AtEvent> tick(long nowMillis) {
        throw new UnsupportedOperationException("not implemented");
    }

    /** Forgets any partial line and the command in flight (after the port was reopened). */
    public void reset() {
        throw new UnsupportedOperationException("not implemented");
    }
}
