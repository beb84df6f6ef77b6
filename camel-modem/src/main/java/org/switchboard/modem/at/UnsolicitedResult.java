package org.switchboard.modem.at;

/**
 * An unsolicited result code (URC) the modem sent on its own.
 *
 * @param code the code without its arguments, e.g. {@code +CMTI}, {@code ^RSSI}, {@code RING}
 * @param line the whole line, e.g. {@code +CMTI: "SM",3}
 * @param pdu  the hex PDU on the line after it (+CMT and +CDS in PDU mode), else null
 */
public record UnsolicitedResult(String code, String line, String pdu) {
}
