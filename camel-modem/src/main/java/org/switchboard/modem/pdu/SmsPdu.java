package org.switchboard.modem.pdu;

/** A decoded SMS TPDU with the SMSC address that preceded it. */
public sealed interface SmsPdu permits SmsDeliver, SmsSubmit, SmsStatusReport {
    /** The SMSC address, or null when the SMSC field was empty or absent. */
    Address smsc();

    /** Octets after the SMSC field. */
    int tpduLength();
}
