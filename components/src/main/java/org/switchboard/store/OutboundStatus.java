package org.switchboard.store;

/** Where an outbound SMS is on its way to a modem; HELD and CANCELLED belong to broadcasts (see the V3 migration). */
public enum OutboundStatus {
    HELD, PENDING, SENDING, SENT, FAILED, CANCELLED
}
