package org.switchboard.modem.pdu;

/** A decoded SMS-SUBMIT (phone to network). */
public record SmsSubmit(Address smsc, int tpduLength, Address destination, int messageRef, boolean statusReportRequested,
        UserData userData) implements SmsPdu {
}
