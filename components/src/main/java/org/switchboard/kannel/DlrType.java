package org.switchboard.kannel;

/**
 * Kannel's delivery report types, the bits of dlr-mask (gw/dlr.h), and the text Kannel puts in such a report's
 * message (%A): an AT modem's status report says Success, Buffered or Failed (smsc_at.c at2_pdu_decode_report); the
 * SMSC's acceptance or refusal of the submit is "ACK/" or "NACK/" and the SMSC's reply (bb_smscconn.c).
 */
public enum DlrType {
    DELIVERED(1, "Success"),
    UNDELIVERED(2, "Failed"),
    BUFFERED(4, "Buffered"),
    SMSC_ACCEPTED(8, "ACK/"),
    SMSC_REJECTED(16, "NACK/");

    private final int bit;
    private final String reply;

    DlrType(int bit, String reply) {
        this.bit = bit;
        this.reply = reply;
    }

    public int bit() {
        return bit;
    }

    /** The report's text as Kannel words it; an SMSC refusal carries the reason after the slash. */
    public String reply(String reason) {
        return this == SMSC_REJECTED && reason != null ? reply + reason : reply;
    }

    public static DlrType ofBit(int bit) {
        for (DlrType t : values()) {
            if (t.bit == bit) {
                return t;
            }
        }
        throw new IllegalArgumentException("no DLR type " + bit);
    }
}
