package org.switchboard.modem.pdu;

import java.time.OffsetDateTime;

/**
 * A decoded SMS-STATUS-REPORT: what became of a message sent earlier (TP-MR), with its TP-ST status.
 *
 * @param timestamp     TP-SCTS of the original message, or null when its digits are not a valid date
 * @param dischargeTime TP-DT, or null when its digits are not a valid date
 * @param firstOctet    the first TPDU octet (TP-MTI, TP-MMS, TP-SRQ, TP-UDHI)
 * @param pid           TP-PID when TP-PI announced one, else -1
 * @param userData      TP-UD when TP-PI announced it and it could be read, else null
 */
public record SmsStatusReport(Address smsc, int tpduLength, Address recipient, int messageRef, int status,
        OffsetDateTime timestamp, OffsetDateTime dischargeTime, int firstOctet, int pid, UserData userData)
        implements SmsPdu {
}
