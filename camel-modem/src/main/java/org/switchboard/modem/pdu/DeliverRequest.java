package org.switchboard.modem.pdu;

import java.time.OffsetDateTime;

/**
 * What a network delivers to a phone: the input of {@link PduCodec#encodeDeliver} (the simulator's side).
 *
 * @param originator "+" and digits (international), digits (national/unknown), or text (alphanumeric)
 * @param text       the message; split into concatenated parts when it does not fit one SMS
 * @param smsc       the SMSC address put in front of the TPDU, or null for an empty SMSC field
 * @param timestamp  TP-SCTS (with its offset, kept to the quarter hour)
 * @param concatRef  the concatenation reference used when the text needs several parts (above 255: a 16-bit one)
 * @param forceUcs2  UCS2 even when the text fits the GSM 7-bit alphabet
 */
public record DeliverRequest(String originator, String text, String smsc, OffsetDateTime timestamp, int concatRef,
        boolean forceUcs2) {
}
