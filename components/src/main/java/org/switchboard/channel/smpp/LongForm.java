package org.switchboard.channel.smpp;

import java.util.Locale;

/** How a bind sends a message longer than one SMS, as SMSCs differ in what they take. */
public enum LongForm {
    /** Parts with a concatenation UDH (esm_class 0x40): what most SMSCs take. */
    UDH,
    /** Parts with the sar_msg_ref_num, sar_total_segments and sar_segment_seqnum TLVs; the SMSC adds the UDH. */
    SAR,
    /** The whole text in one submit_sm's message_payload TLV; the SMSC splits it. */
    PAYLOAD;

    public static LongForm parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no long-message form " + text + " (udh, sar or payload)", e);
        }
    }
}
