package org.switchboard.modem.pdu;

/**
 * A decoded SMS-SUBMIT (phone to network).
 *
 * @param firstOctet     the first TPDU octet (TP-MTI, TP-RD, TP-VPF, TP-SRR, TP-UDHI, TP-RP)
 * @param pid            TP-PID
 * @param validityPeriod TP-VP in the format TP-VPF names ({@link ValidityPeriod#NONE} when absent)
 */
public record SmsSubmit(Address smsc, int tpduLength, Address destination, int messageRef, boolean statusReportRequested,
        UserData userData, int firstOctet, int pid, ValidityPeriod validityPeriod) implements SmsPdu {

    /** TP-RD: the SMSC should reject a duplicate of a message still held. */
    public boolean rejectDuplicates() {
        return (firstOctet & 0x04) != 0;
    }

    /** TP-RP: a reply may go through this sender's SMSC. */
    public boolean replyPath() {
        return (firstOctet & 0x80) != 0;
    }
}
