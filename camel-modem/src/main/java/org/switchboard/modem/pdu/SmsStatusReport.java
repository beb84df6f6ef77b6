package org.switchboard.modem.pdu;

import java.time.OffsetDateTime;

/** A decoded SMS-STATUS-REPORT: what became of a message sent earlier (TP-MR), with its TP-ST status. */
public record SmsStatusReport(Address smsc, int tpduLength, Address recipient, int messageRef, int status,
        OffsetDateTime timestamp, OffsetDateTime dischargeTime) implements SmsPdu {
}
