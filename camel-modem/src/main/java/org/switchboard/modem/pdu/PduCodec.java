package org.switchboard.modem.pdu;

import java.util.List;

/** The SMS PDU codec (3GPP TS 23.040 / 23.038): pure functions, no I/O. */
public final class PduCodec {
    private PduCodec() {
    }

    /**
     * Decodes one PDU as it appears on the AT interface.
     *
     * @param hex           hex digits (either case)
     * @param smscIncluded  whether the PDU starts with the SMSC length octet (as in +CMGR, +CMGL, +CMT, +CDS)
     * @throws PduException when the PDU is malformed; never an unchecked exception
     */
    public static SmsPdu decode(String hex, boolean smscIncluded) throws PduException {
        try {
            return PduDecoder.decode(hex, smscIncluded);
        } catch (RuntimeException e) {
            // every length is checked before use; this only turns a bug into the documented failure
            throw new PduException("internal decoder error: " + e, e);
        }
    }

    /** Encodes an SMS-SUBMIT, split into as many concatenated parts as the text needs. */
    public static List<EncodedPdu> encodeSubmit(SubmitRequest request) throws PduException {
        return PduEncoder.submit(request);
    }

    /** Encodes an SMS-DELIVER (what a network sends to a phone), split into concatenated parts when needed. */
    public static List<EncodedPdu> encodeDeliver(DeliverRequest request) throws PduException {
        return PduEncoder.deliver(request);
    }

    /** Encodes an SMS-STATUS-REPORT. */
    public static EncodedPdu encodeStatusReport(StatusReportRequest request) throws PduException {
        return PduEncoder.statusReport(request);
    }
}
