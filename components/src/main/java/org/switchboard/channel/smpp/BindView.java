package org.switchboard.channel.smpp;

import org.switchboard.channel.LineState;

/**
 * One bind of an smpp channel as monitors see it: its state (and why it is not ready), submit_sm outstanding now, and
 * since the start: submits answered, errors, throttles, binds made, and the receipts matched with the sum of their
 * latencies (submit_sm_resp to receipt).
 */
public record BindView(String name, LineState.State state, String reason, int windowInUse, int window, long submitted,
        long errors, long throttled, long binds, long receipts, long receiptLatencyMillis) {
}
