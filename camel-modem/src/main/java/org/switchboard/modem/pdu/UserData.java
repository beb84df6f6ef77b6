package org.switchboard.modem.pdu;

/**
 * Decoded TP-UD.
 *
 * @param encoding GSM7, UCS2 or EIGHT_BIT (from TP-DCS)
 * @param text     the text (null for 8-bit data)
 * @param data     the raw user data without the UDH (8-bit), else null
 * @param concat   concatenation info, or null
 */
public record UserData(Encoding encoding, String text, byte[] data, Concat concat) {
}
