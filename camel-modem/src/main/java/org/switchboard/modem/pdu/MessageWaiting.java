package org.switchboard.modem.pdu;

/**
 * The message-waiting indication a TP-DCS of group 1100, 1101 or 1110 carries (23.038 section 4).
 *
 * @param discard whether the message itself may be discarded (group 1100)
 * @param active  whether the indication is being set (true) or cleared
 * @param type    0 voicemail, 1 fax, 2 e-mail, 3 other
 */
public record MessageWaiting(boolean discard, boolean active, int type) {
}
