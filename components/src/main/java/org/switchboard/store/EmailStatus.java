package org.switchboard.store;

/** Where an inbound SMS is on its way to the help desk's mailbox. */
public enum EmailStatus {
    PENDING, SENT, FAILED
}
