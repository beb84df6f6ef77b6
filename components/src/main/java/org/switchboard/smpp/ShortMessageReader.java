package org.switchboard.smpp;

import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.jsmpp.SMPPConstant;
import org.switchboard.modem.pdu.UnpackedGsm7;

/**
 * Reads a submit_sm's text in every form applications send it: the data_coding (GSM 7-bit unpacked, IA5, Latin-1,
 * Cyrillic, Hebrew, UCS-2, the Japanese and Korean sets, message-class codings), a long message's part in a UDH
 * (esm_class 0x40, 8- or 16-bit reference) or in the SAR TLVs, or a whole long text in message_payload. What the hub
 * cannot send as text, or what contradicts itself, is refused with the status an SMSC would answer.
 */
public final class ShortMessageReader {
    private static final int IEI_CONCAT_8 = 0x00;
    private static final int IEI_CONCAT_16 = 0x08;

    private ShortMessageReader() {
    }

    public static SubmitText read(ShortMessage m) throws SmppRefusal {
        byte[] body = m.shortMessage();
        boolean payload = m.messagePayload() != null;
        if (payload && body.length > 0) {
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RINVMSGLEN,
                    "both short_message (" + body.length + " octets) and message_payload are set; sm_length must be 0");
        }
        if (payload) {
            body = m.messagePayload();
        }
        int from = 0;
        SubmitPart part = null;
        if ((m.esmClass() & ShortMessage.UDHI) != 0) {
            if (body.length == 0 || body.length < 1 + (body[0] & 0xFF)) {
                throw new SmppRefusal(SMPPConstant.STAT_ESME_RINVMSGLEN, "esm_class 0x40 says a user data header"
                        + " begins the message, but its length octet says " + (body.length == 0 ? "nothing"
                        : (body[0] & 0xFF) + " octets and " + (body.length - 1) + " follow"));
            }
            part = concatenation(body);
            from = 1 + (body[0] & 0xFF);
        }
        SubmitPart sar = sar(m);
        if (sar != null) {
            if (part != null) {
                throw new SmppRefusal(SMPPConstant.STAT_ESME_RINVTLVVAL,
                        "both a concatenation header and the SAR parameters say which part this is");
            }
            part = sar;
        }
        String text = decode(m.dataCoding(), body, from);
        if (text.isEmpty() && part == null) {
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RINVMSGLEN, "the message has no text");
        }
        return new SubmitText(text, part);
    }

    /** The concatenation element of a UDH of {@code 1 + body[0]} octets, if it has one (other elements are skipped). */
    private static SubmitPart concatenation(byte[] body) throws SmppRefusal {
        int end = 1 + (body[0] & 0xFF);
        SubmitPart found = null;
        int at = 1;
        while (at < end) {
            if (at + 2 > end) {
                throw new SmppRefusal(SMPPConstant.STAT_ESME_RINVMSGLEN, "the user data header's last element is cut");
            }
            int iei = body[at] & 0xFF;
            int len = body[at + 1] & 0xFF;
            int data = at + 2;
            if (data + len > end) {
                throw new SmppRefusal(SMPPConstant.STAT_ESME_RINVMSGLEN, "user data header element 0x"
                        + Integer.toHexString(iei) + " says " + len + " octets, the header has " + (end - data));
            }
            if (iei == IEI_CONCAT_8 && len == 3) {
                found = part(body[data] & 0xFF, body[data + 1] & 0xFF, body[data + 2] & 0xFF, "the UDH");
            } else if (iei == IEI_CONCAT_16 && len == 4) {
                found = part((body[data] & 0xFF) << 8 | body[data + 1] & 0xFF, body[data + 2] & 0xFF,
                        body[data + 3] & 0xFF, "the UDH");
            }
            at = data + len;
        }
        return found;
    }

    private static SubmitPart sar(ShortMessage m) throws SmppRefusal {
        int given = (m.sarRef() != null ? 1 : 0) + (m.sarTotal() != null ? 1 : 0) + (m.sarSeq() != null ? 1 : 0);
        if (given == 0) {
            return null;
        }
        if (given < 3) {
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RMISSINGTLV, "sar_msg_ref_num, sar_total_segments and"
                    + " sar_segment_seqnum go together; " + (3 - given) + " of them missing");
        }
        return part(m.sarRef(), m.sarTotal(), m.sarSeq(), "the SAR parameters");
    }

    /** A part, or null for a message "of one part"; parts numbered outside 1..total are refused. */
    private static SubmitPart part(int ref, int total, int seq, String where) throws SmppRefusal {
        if (total == 0 || seq == 0 || seq > total) {
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RINVTLVVAL,
                    where + " say this is part " + seq + " of " + total);
        }
        return total == 1 ? null : new SubmitPart(ref, total, seq);
    }

    /** The text of {@code body[from..]} in {@code dataCoding} (SMPP 3.4 5.2.19, and the GSM 03.38 coding groups). */
    static String decode(int dataCoding, byte[] body, int from) throws SmppRefusal {
        int dc = dataCoding & 0xFF;
        if ((dc & 0xF0) == 0xF0) {
            // data coding/message class: bit 2 says 8-bit data, else GSM 7-bit
            dc = (dc & 0x04) != 0 ? 0x04 : 0x00;
        } else if ((dc & 0xF0) == 0xC0 || (dc & 0xF0) == 0xD0) {
            dc = 0x00; // message waiting, discard or store: GSM 7-bit
        } else if ((dc & 0xF0) == 0xE0) {
            dc = 0x08; // message waiting, store: UCS-2
        }
        return switch (dc) {
            case 0x00 -> UnpackedGsm7.decode(body, from, body.length);
            case 0x01 -> ia5(body, from, dataCoding);
            case 0x03 -> new String(body, from, body.length - from, StandardCharsets.ISO_8859_1);
            case 0x05 -> strict(Charset.forName("Shift_JIS"), body, from, dataCoding);
            case 0x06 -> strict(Charset.forName("ISO-8859-5"), body, from, dataCoding);
            case 0x07 -> strict(Charset.forName("ISO-8859-8"), body, from, dataCoding);
            case 0x08 -> ucs2(body, from);
            case 0x0A -> strict(Charset.forName("ISO-2022-JP"), body, from, dataCoding);
            case 0x0D -> strict(Charset.forName("EUC-JP"), body, from, dataCoding);
            case 0x0E -> strict(Charset.forName("EUC-KR"), body, from, dataCoding);
            case 0x02, 0x04 -> throw new SmppRefusal(SMPPConstant.STAT_ESME_RSUBMITFAIL, String.format(
                    "data_coding 0x%02X is binary data; the hub sends text only", dataCoding & 0xFF));
            default -> throw new SmppRefusal(SMPPConstant.STAT_ESME_RSUBMITFAIL,
                    String.format("data_coding 0x%02X is not a coding the hub can read", dataCoding & 0xFF));
        };
    }

    /**
     * IA5 (ASCII), unless the octets are GSM 7-bit ones: node-smpp, for one, labels the GSM 03.38 text it sends 0x01.
     * Text has no ASCII control characters but line breaks, and GSM puts '@', '_', 'Δ'... and its escape there, so
     * such an octet says GSM.
     */
    private static String ia5(byte[] body, int from, int dataCoding) throws SmppRefusal {
        for (int i = from; i < body.length; i++) {
            int b = body[i] & 0xFF;
            if (b < 0x20 && b != '\n' && b != '\r') {
                return UnpackedGsm7.decode(body, from, body.length);
            }
        }
        return strict(StandardCharsets.US_ASCII, body, from, dataCoding);
    }

    private static String ucs2(byte[] body, int from) throws SmppRefusal {
        if ((body.length - from) % 2 != 0) {
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RINVMSGLEN,
                    "UCS-2 text of " + (body.length - from) + " octets: an odd number");
        }
        // UTF-16BE rather than UCS-2: phones and ESMEs put emoji in as surrogate pairs
        return new String(body, from, body.length - from, StandardCharsets.UTF_16BE);
    }

    private static String strict(Charset charset, byte[] body, int from, int dataCoding) throws SmppRefusal {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(body, from, body.length - from)).toString();
        } catch (CharacterCodingException e) {
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RSUBMITFAIL, String.format(
                    "the text is not valid %s (data_coding 0x%02X)", charset.name(), dataCoding & 0xFF));
        }
    }
}
