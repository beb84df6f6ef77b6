package org.switchboard.modem.pdu;

import java.time.OffsetDateTime;

/** A decoded SMS-DELIVER (network to phone). */
public record SmsDeliver(Address smsc, int tpduLength, Address originator, UserData userData, OffsetDateTime timestamp)
        implements SmsPdu {
}
