package org.switchboard.store;

/**
 * Where an inbound SMS is on its way to the help desk's mailbox; ROUTED when an MO rule handed it to an application
 * instead (back to PENDING should that hand-over be given up).
 */
public enum EmailStatus {
    PENDING, SENT, FAILED, ROUTED
}
