package org.switchboard.modem.pdu;

import java.time.OffsetDateTime;

/**
 * A decoded SMS-DELIVER (network to phone).
 *
 * @param timestamp  TP-SCTS, or null when its digits are not a valid date
 * @param firstOctet the first TPDU octet (TP-MTI, TP-MMS, TP-SRI, TP-UDHI, TP-RP)
 * @param pid        TP-PID
 */
public record SmsDeliver(Address smsc, int tpduLength, Address originator, UserData userData, OffsetDateTime timestamp,
        int firstOctet, int pid) implements SmsPdu {

    /** TP-MMS is 0 when the SMSC has more messages waiting for this phone. */
    public boolean moreMessagesToSend() {
        return (firstOctet & 0x04) == 0;
    }

    /** TP-SRI: the sender asked for a status report. */
    public boolean statusReportIndication() {
        return (firstOctet & 0x20) != 0;
    }

    /** TP-RP: a reply may go through the originator's SMSC. */
    public boolean replyPath() {
        return (firstOctet & 0x80) != 0;
    }
}
