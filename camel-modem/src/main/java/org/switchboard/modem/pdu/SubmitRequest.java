package org.switchboard.modem.pdu;

/**
 * What to send: the input of {@link PduCodec#encodeSubmit}.
 *
 * @param destination  "+" and digits (international), digits (national/unknown)
 * @param text         the message; split into concatenated parts when it does not fit one SMS
 * @param forceUcs2    UCS2 even when the text fits the GSM 7-bit alphabet
 * @param statusReport set TP-SRR
 * @param concatRef    the concatenation reference used when the text needs several parts: 0..255 goes in an 8-bit
 *                     reference element, 256..65535 in a 16-bit one
 * @param smsc         SMSC to put in the PDU, or null for an empty SMSC field ("00": the modem's default)
 */
public record SubmitRequest(String destination, String text, boolean forceUcs2, boolean statusReport, int concatRef,
        String smsc) {

    public static SubmitRequest of(String destination, String text) {
        return new SubmitRequest(destination, text, false, false, 0, null);
    }
}
