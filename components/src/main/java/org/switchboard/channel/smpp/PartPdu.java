package org.switchboard.channel.smpp;

/**
 * What one submit_sm carries of a message: data_coding, esm_class, short_message, and, by the form, the
 * message_payload or the SAR numbers (null when unused).
 */
public record PartPdu(int dataCoding, int esmClass, byte[] shortMessage, byte[] messagePayload, Integer sarRef,
        Integer sarTotal, Integer sarSeq) {
}
