package org.switchboard.smpp;

import java.time.OffsetDateTime;

/**
 * A delivery receipt due to an application: for which submit (its message_id), the outcome (stat, err) and when it was
 * known, and what the receipt's deliver_sm repeats of the submit: its addresses (swapped back), when it came, and the
 * first characters of its text.
 */
public record PendingReceipt(long id, int attempts, long submitId, long smsId, String systemId, String stat, int err,
        OffsetDateTime doneAt, OffsetDateTime submittedAt, String sourceAddr, String destAddr, String text) {

    /** The message_id the submit_sm_resp gave, which the receipt names. */
    public String messageId() {
        return Long.toString(submitId);
    }
}
