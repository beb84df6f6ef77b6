package org.switchboard.smpp;

/** A whole message stored: its message_id (the smpp_submit row) and the outbound SMS it became. */
public record StoredSubmit(long id, long smsId) {

    /** The message_id as submit_sm_resp gives it, and receipts name it. */
    public String messageId() {
        return Long.toString(id);
    }
}
