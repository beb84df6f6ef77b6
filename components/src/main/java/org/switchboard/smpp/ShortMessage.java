package org.switchboard.smpp;

/**
 * What of a submit_sm (or deliver_sm) carries its text: data_coding, esm_class, short_message, and the TLVs that may
 * take its place or say which part it is (message_payload, sar_msg_ref_num, sar_total_segments,
 * sar_segment_seqnum); a TLV the PDU lacks is null.
 */
public record ShortMessage(int dataCoding, int esmClass, byte[] shortMessage, byte[] messagePayload, Integer sarRef,
        Integer sarTotal, Integer sarSeq) {

    /** esm_class bit 6: short_message begins with a user data header. */
    public static final int UDHI = 0x40;

    public ShortMessage {
        shortMessage = shortMessage == null ? new byte[0] : shortMessage;
    }

    /** A whole message in short_message, no TLVs. */
    public static ShortMessage of(int dataCoding, byte[] shortMessage) {
        return new ShortMessage(dataCoding, 0, shortMessage, null, null, null, null);
    }
}
