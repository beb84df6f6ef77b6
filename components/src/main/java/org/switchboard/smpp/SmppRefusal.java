package org.switchboard.smpp;

/** A request the hub answers with an SMPP error status ({@code command_status}), and why, for the journal. */
public final class SmppRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public SmppRefusal(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The status's name and the reason, e.g. "ESME_RINVDSTADR (0x0B): ...". */
    public String describe() {
        return SmppStatus.describe(status) + ": " + getMessage();
    }
}
