package org.switchboard.modem.pdu;

import java.time.OffsetDateTime;

/**
 * A status report a network sends back for an earlier SMS-SUBMIT: the input of {@link PduCodec#encodeStatusReport}.
 *
 * @param smsc          the SMSC address put in front of the TPDU, or null for an empty SMSC field
 * @param recipient     the recipient of the original message
 * @param messageRef    TP-MR of the original SMS-SUBMIT
 * @param status        TP-ST (0 = delivered)
 * @param timestamp     TP-SCTS of the original message
 * @param dischargeTime TP-DT
 */
public record StatusReportRequest(String smsc, String recipient, int messageRef, int status, OffsetDateTime timestamp,
        OffsetDateTime dischargeTime) {
}
