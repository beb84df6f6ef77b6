package org.switchboard.broadcast;

/**
 * How far a broadcast's SMS have got, counted from its outbound rows.
 *
 * @param held               waiting for the sender's confirmation
 * @param queued             released, not yet handed to a modem (PENDING)
 * @param sending            handed to a modem, not yet acknowledged
 * @param sent               accepted by the network (whatever the status report said later)
 * @param delivered          sent and reported delivered
 * @param failed             given up on
 * @param cancelled          cancelled before going out
 * @param possibleDuplicates sent again after a crash, so maybe received twice
 */
public record Progress(long held, long queued, long sending, long sent, long delivered, long failed, long cancelled,
        long possibleDuplicates) {

    public long total() {
        return held + queued + sending + sent + failed + cancelled;
    }

    /** Whether every SMS is final: none held, queued or with a modem. */
    public boolean finished() {
        return held == 0 && queued == 0 && sending == 0;
    }
}
