package org.switchboard.broadcast;

/** Where a broadcast is in its life, as stored in broadcast.status. */
public enum BroadcastStatus {
    /** Planned; its SMS are HELD until the sender confirms. */
    AWAITING_CONFIRMATION,
    /** Confirmed; its SMS are released to the dispatcher. */
    SENDING,
    /** Every SMS final and the report sent. */
    DONE,
    /** Cancelled; SMS not yet handed to a modem were cancelled. */
    CANCELLED
}
