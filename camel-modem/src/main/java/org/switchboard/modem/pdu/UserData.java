package org.switchboard.modem.pdu;

/**
 * Decoded TP-UD.
 *
 * @param encoding GSM7, UCS2 or EIGHT_BIT (from TP-DCS)
 * @param text     the text (null for 8-bit data)
 * @param data     the raw user data without the UDH (8-bit), else null
 * @param concat   concatenation info, or null
 * @param dcs      the TP-DCS octet
 * @param length   TP-UDL as received (septets for GSM7, octets otherwise; the UDH included), -1 when not decoded
 * @param header   the UDH's information elements without its length octet, or null when TP-UDHI was not set
 * @param ports    application port addressing from the UDH, or null
 */
public record UserData(Encoding encoding, String text, byte[] data, Concat concat, int dcs, int length, byte[] header,
        Ports ports) {

    /** Message class 0..3 from TP-DCS, or -1 when none is given. */
    public int messageClass() {
        return DataCoding.messageClass(dcs);
    }

    /** The message-waiting indication of TP-DCS, or null. */
    public MessageWaiting messageWaiting() {
        return DataCoding.messageWaiting(dcs);
    }

    /** Padding bits between a UDH and the first septet of GSM 7-bit text (23.040 9.2.3.24). */
    public int fillBits() {
        if (encoding != Encoding.GSM7 || header == null) {
            return 0;
        }
        return (7 - ((header.length + 1) * 8) % 7) % 7;
    }
}
