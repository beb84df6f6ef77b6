package org.switchboard.modem.session;

/**
 * One message in the modem's storage, as +CMGL or +CMGR list it.
 *
 * @param index  its storage index (what AT+CMGD takes)
 * @param stat   0 received unread, 1 received read, 2 stored unsent, 3 stored sent
 * @param pdu    the hex PDU with its SMSC field
 */
public record StoredPdu(int index, int stat, String pdu) {
}
