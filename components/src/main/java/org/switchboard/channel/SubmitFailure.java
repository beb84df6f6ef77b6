package org.switchboard.channel;

import java.util.Objects;

/**
 * A message a channel did not get through, classified by what a retry can do: the dispatcher decides the rest (how
 * often, how late) from this alone, whatever the transport.
 */
public final class SubmitFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What may cure the failure. */
    public enum Retry {
        /** The recipient's side, for now (network busy, phone unreachable): the same message later, on any channel. */
        HERE,
        /** This line or channel, not the message: another line or channel now; this one after a pause. */
        ELSEWHERE,
        /** Nothing: the message cannot be sent (invalid number, barred, refused content). */
        PERMANENT
    }

    private final Retry retry;
    private final boolean lineFault;
    private final Integer code;
    private final boolean possiblySent;

    /**
     * @param reason       why, in words for the journal and the sender
     * @param retry        what may cure it
     * @param lineFault    the line itself failed (a modem gone, no network): it pauses and is probed before it is
     *                     used again; false for a refusal of this message by a working line
     * @param code         the transport's error code (+CMS ERROR, SMPP command_status), when there is one
     * @param possiblySent the network may have taken the message before the failure: a retry may duplicate it
     */
    public SubmitFailure(String reason, Retry retry, boolean lineFault, Integer code, boolean possiblySent,
            Throwable cause) {
        super(Objects.requireNonNull(reason, "reason"), cause);
        this.retry = Objects.requireNonNull(retry, "retry");
        this.lineFault = lineFault;
        this.code = code;
        this.possiblySent = possiblySent;
    }

    public static SubmitFailure lineDown(String reason) {
        return new SubmitFailure(reason, Retry.ELSEWHERE, true, null, false, null);
    }

    public Retry retry() {
        return retry;
    }

    public boolean lineFault() {
        return lineFault;
    }

    public Integer code() {
        return code;
    }

    public boolean possiblySent() {
        return possiblySent;
    }

    public String reason() {
        return getMessage();
    }
}
