package org.switchboard.modem.pdu;

/**
 * One encoded PDU as it crosses the AT interface.
 *
 * @param hex        upper-case hex, starting with the SMSC field ("00" when empty)
 * @param tpduLength octets after the SMSC field: the number AT+CMGS, +CMGL, +CMT and +CDS carry
 */
public record EncodedPdu(String hex, int tpduLength) {
}
