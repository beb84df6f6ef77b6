package org.switchboard.calls;

import java.util.Optional;

/**
 * A way of placing click-to-calls (Asterisk's manager interface, SIP third-party call control): it rings the agent,
 * then has the customer dialled, and reports each state to the listener it was built with. It never places a call
 * again by itself: a call that failed stays failed, and only a person asks for another.
 */
public interface ClickToCall extends AutoCloseable {

    /** {@code ami} or {@code sip}, stored with each call. */
    String way();

    /**
     * Asks the PBX for the call; returns at once. Every later state (a failure too, even one known at once such as
     * the PBX being unreachable) reaches the listener.
     */
    void start(long callId, String agent, String customerE164);

    /** Why no call can be placed now ({@link CallCause#PBX_UNREACHABLE}, ...); empty when the way is ready. */
    Optional<PbxDown> unavailable();

    @Override
    void close();
}
