package org.switchboard.modem.at;

/**
 * One message read from the modem's storage in PDU mode (+CMGL, +CMGR).
 *
 * @param index  its index in the storage
 * @param stat   27.005 status: 0 received unread, 1 received read, 2 stored unsent, 3 stored sent
 * @param alpha  the phonebook name the modem gave, or null
 * @param length the TPDU length in octets, as the header states it
 * @param pduHex the PDU in hex, SMSC field included
 */
public record StoredSms(int index, int stat, String alpha, int length, String pduHex) {
    boolean unread() {
        return stat == 0;
    }
}
