package org.switchboard.hub.channels;

import java.util.List;

import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalWriter;
import org.switchboard.store.OutboundQueue;

/**
 * Journals the SMS that went back to the queue from a line's hand (this node's crash, or another node's death): each
 * gets a hop saying so before its next one, so that its trail shows the transmission that may have happened before as
 * well as the one after, which the journal alone (written after each send, and in batches) cannot show.
 */
final class InterruptedSends {
    private final JournalWriter journal;
    private final boolean enabled;

    InterruptedSends(JournalWriter journal, boolean enabled) {
        this.journal = journal;
        this.enabled = enabled;
    }

    /** @param why what interrupted them: "the hub stopped", "its node's lease ran out" */
    void record(List<OutboundQueue.Interrupted> requeued, String why) {
        if (!enabled) {
            return;
        }
        for (OutboundQueue.Interrupted i : requeued) {
            journal.record(Hop.now(JournalKind.OUTBOUND_SMS, i.id(), "interrupted", "channels",
                    "line " + i.line() + " of channel " + i.channel() + (i.node() == null ? "" : " on node " + i.node())
                            + " had it when " + why + ": it may have gone out; " + (i.cancelledBecause() == null
                            ? "sent again, marked possible duplicate" : "not sent again: " + i.cancelledBecause()),
                    null));
        }
    }
}
