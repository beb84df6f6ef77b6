package org.switchboard.modem;

/**
 * A modem or the network refused or failed an operation. Carries the +CMS/+CME code with its meaning, whether a retry
 * can help, and whether the SMS may have gone out all the same (no answer after the PDU was handed over).
 */
public class ModemException extends Exception {
    /** Which family the code belongs to. */
    public enum Kind {
        CMS, CME, ERROR, TIMEOUT, LINK, NOT_READY, INVALID_INPUT
    }

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

    /** True when the modem had the PDU but never answered: a retry may deliver the SMS twice. */
    public boolean isPossiblySent() {
        return possiblySent;
    }
}
