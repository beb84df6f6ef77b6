package org.switchboard.store;

/** Where an outbound SMS is on its way to a modem. */
public enum OutboundStatus {
    PENDING, SENDING, SENT, FAILED
}
