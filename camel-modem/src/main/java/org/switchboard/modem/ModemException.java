package org.switchboard.modem;

import java.util.Set;

/**
 * A modem or the network refused or failed an operation. Carries the +CMS/+CME code with its meaning, whether a retry
 * can help, and whether the SMS may have gone out all the same (no answer after the PDU was handed over).
 */
public class ModemException extends Exception {
    /** Which family the code belongs to. */
    public enum Kind {
        CMS, CME, ERROR, TIMEOUT, LINK, NOT_READY, INVALID_INPUT
    }

    // 27.005 3.2.5: the ME and (U)SIM errors, no network service / network timeout, SMSC address unknown (a SIM
    // without it); and the vendor radio-side ones. Everything else in the +CMS range is about the message or its
    // recipient.
    private static final Set<Integer> MODEM_SIDE_CMS = Set.of(300, 301, 310, 311, 312, 313, 314, 315, 316, 317, 318,
            320, 330, 331, 332, 512, 513, 515);
    // 27.007 9.2: the phone, SIM and network-service errors.
    private static final Set<Integer> MODEM_SIDE_CME = Set.of(0, 1, 2, 5, 10, 11, 12, 13, 14, 15, 16, 17, 18, 30, 31,
            32);

    private final Kind kind;
    private final int code;
    private final String meaning;
    private final boolean retryable;
    private final boolean possiblySent;

    public ModemException(Kind kind, int code, String meaning, boolean retryable, boolean possiblySent, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.meaning = meaning;
        this.retryable = retryable;
        this.possiblySent = possiblySent;
    }

    /** A failure described by a +CMS ERROR or +CME ERROR code, with its meaning from {@link ModemErrors}. */
    public static ModemException ofCode(Kind kind, int code, String context) {
        ModemErrors.Entry entry = kind == Kind.CME ? ModemErrors.cme(code) : ModemErrors.cms(code);
        return new ModemException(kind, code, entry.meaning(), entry.retryable(), false,
                context + ": +" + kind + " ERROR: " + code + " (" + entry.meaning() + ")");
    }

    /**
     * This failure with {@link #isPossiblySent()} set as given, the rest unchanged: a long SMS whose earlier parts the
     * network accepted before this part failed has gone out in part, whatever this part's failure says.
     */
    public ModemException withPossiblySent(boolean sent) {
        if (sent == possiblySent) {
            return this;
        }
        ModemException copy = new ModemException(kind, code, meaning, retryable, sent, getMessage());
        copy.initCause(getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public Kind getKind() {
        return kind;
    }

    /** The +CMS/+CME code, or -1 when the modem gave none. */
    public int getCode() {
        return code;
    }

    public String getMeaning() {
        return meaning;
    }

    public boolean isRetryable() {
        return retryable;
    }

    /**
     * True when the failure lies with this modem or its place in the network (link lost, not ready, no answer, no
     * network service, SIM trouble) rather than with the recipient: another modem may well send the same SMS.
     */
    public boolean isModemFault() {
        return switch (kind) {
            case LINK, NOT_READY, TIMEOUT -> true;
            case CMS -> MODEM_SIDE_CMS.contains(code);
            case CME -> MODEM_SIDE_CME.contains(code);
            default -> false;
        };
    }

    /**
     * True when the SMS may have gone out (in part) all the same: the modem had the PDU but never answered, or earlier
     * parts of a long SMS were accepted. A retry may deliver the SMS (or those parts) twice.
     */
    public boolean isPossiblySent() {
        return possiblySent;
    }
}
