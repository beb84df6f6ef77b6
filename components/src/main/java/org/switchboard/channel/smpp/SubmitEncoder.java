package org.switchboard.channel.smpp;

import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.switchboard.modem.pdu.UnpackedGsm7;

/**
 * A text made into submit_sm, as the modem path chooses its encoding: GSM 7-bit when every character is in the
 * alphabet (data_coding 0, one septet per octet), else Latin-1 (3) when the bind allows it and it fits, else UCS-2 (8).
 * One SMS holds 160 septets or 140 octets; a longer text goes in parts of 153 septets or 134 octets (the concatenation
 * header takes the rest), split between characters, never inside an escape or a surrogate pair, in the bind's
 * {@link LongForm}.
 */
public final class SubmitEncoder {
    static final int DC_GSM = 0x00;
    static final int DC_LATIN1 = 0x03;
    static final int DC_UCS2 = 0x08;
    private static final int ESM_UDHI = 0x40;
    /** The most parts a concatenation header can number. */
    static final int MAX_PARTS = 255;

    private final LongForm form;
    private final boolean latin1;

    public SubmitEncoder(LongForm form, boolean latin1) {
        this.form = form;
        this.latin1 = latin1;
    }

    /** The text's octets and data_coding. */
    record Encoded(int dataCoding, byte[] octets) {
    }

    Encoded encode(String text) {
        Optional<byte[]> gsm = UnpackedGsm7.encode(text);
        if (gsm.isPresent()) {
            return new Encoded(DC_GSM, gsm.get());
        }
        CharsetEncoder l1 = StandardCharsets.ISO_8859_1.newEncoder();
        if (latin1 && l1.canEncode(text)) {
            return new Encoded(DC_LATIN1, text.getBytes(StandardCharsets.ISO_8859_1));
        }
        return new Encoded(DC_UCS2, text.getBytes(StandardCharsets.UTF_16BE));
    }

    /** How many SMS the network sends for {@code text}. */
    public int parts(String text) {
        Encoded e = encode(text);
        return e.octets().length <= 140 + (e.dataCoding() == DC_GSM ? 20 : 0) ? 1 : cuts(e).size() - 1;
    }

    /**
     * The submit_sm of {@code text}, in order; {@code ref} numbers a long message's parts (the low 8 bits in a UDH).
     *
     * @throws IllegalArgumentException when the text needs more than 255 parts
     */
    public List<PartPdu> pdus(String text, int ref) {
        Encoded e = encode(text);
        int single = e.dataCoding() == DC_GSM ? 160 : 140;
        if (e.octets().length <= single) {
            return List.of(new PartPdu(e.dataCoding(), 0, e.octets(), null, null, null, null));
        }
        if (form == LongForm.PAYLOAD) {
            return List.of(new PartPdu(e.dataCoding(), 0, new byte[0], e.octets(), null, null, null));
        }
        List<Integer> cuts = cuts(e);
        int total = cuts.size() - 1;
        if (total > MAX_PARTS) {
            throw new IllegalArgumentException("the text needs " + total + " SMS; at most " + MAX_PARTS + " can be"
                    + " joined");
        }
        List<PartPdu> out = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            byte[] body = java.util.Arrays.copyOfRange(e.octets(), cuts.get(i), cuts.get(i + 1));
            if (form == LongForm.UDH) {
                byte[] sm = new byte[6 + body.length];
                sm[0] = 5;
                sm[1] = 0x00;
                sm[2] = 3;
                sm[3] = (byte) ref;
                sm[4] = (byte) total;
                sm[5] = (byte) (i + 1);
                System.arraycopy(body, 0, sm, 6, body.length);
                out.add(new PartPdu(e.dataCoding(), ESM_UDHI, sm, null, null, null, null));
            } else {
                out.add(new PartPdu(e.dataCoding(), 0, body, null, ref & 0xFFFF, total, i + 1));
            }
        }
        return out;
    }

    /** Where the parts begin, and the end: 153 septets or 134 octets each, never inside an escape or a pair. */
    private static List<Integer> cuts(Encoded e) {
        byte[] o = e.octets();
        int per = e.dataCoding() == DC_GSM ? 153 : 134;
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        int start = 0;
        while (start < o.length) {
            int end = Math.min(start + per, o.length);
            if (end < o.length) {
                if (e.dataCoding() == DC_GSM && o[end - 1] == 0x1B && !escapeIsSecondHalf(o, start, end - 1)) {
                    end--; // the escape goes with its character into the next part
                } else if (e.dataCoding() == DC_UCS2 && Character.isHighSurrogate(
                        (char) ((o[end - 2] & 0xFF) << 8 | o[end - 1] & 0xFF))) {
                    end -= 2;
                }
            }
            cuts.add(end);
            start = end;
        }
        return cuts;
    }

    /** Whether the 0x1B at {@code at} is the character of an escape pair (1B 1B) rather than an escape. */
    private static boolean escapeIsSecondHalf(byte[] o, int from, int at) {
        int run = 0;
        for (int i = at - 1; i >= from && o[i] == 0x1B; i--) {
            run++;
        }
        return run % 2 == 1;
    }
}
