package org.switchboard.smpp;

import org.jsmpp.bean.MessageRequest;
import org.jsmpp.bean.OptionalParameter;

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

    /** What a submit_sm or deliver_sm (jSMPP's, both a MessageRequest) carries of its text. */
    public static ShortMessage of(MessageRequest pdu) {
        OptionalParameter payload = pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        return new ShortMessage(pdu.getDataCoding(), pdu.getEsmClass(), pdu.getShortMessage(),
                payload instanceof OptionalParameter.OctetString o ? o.getValue() : null,
                number(pdu.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM)),
                number(pdu.getOptionalParameter(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS)),
                number(pdu.getOptionalParameter(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM)));
    }

    /** A SAR TLV's value, unsigned, whether the peer sent it in the width SMPP says or not; null when absent. */
    private static Integer number(OptionalParameter p) {
        if (p instanceof OptionalParameter.Short s) {
            return s.getValue() & 0xFFFF;
        }
        return p instanceof OptionalParameter.Byte b ? b.getValue() & 0xFF : null;
    }

    /** A whole message in short_message, no TLVs. */
    public static ShortMessage of(int dataCoding, byte[] shortMessage) {
        return new ShortMessage(dataCoding, 0, shortMessage, null, null, null, null);
    }
}
