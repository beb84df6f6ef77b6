package org.switchboard.modem.pdu;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Writes SMS-SUBMIT, SMS-DELIVER and SMS-STATUS-REPORT PDUs, splitting long texts into concatenated parts. */
final class PduEncoder {
    /** SMSC field (12) + the largest TPDU (first octet, MR, address 12, PID, DCS, VP 7, UDL, 140) and slack. */
    private static final int BUFFER_OCTETS = 192;
    private static final int FIRST_OCTET_SUBMIT = 0x01;
    private static final int FIRST_OCTET_DELIVER_NO_MORE = 0x04;
    private static final int FIRST_OCTET_STATUS_REPORT = 0x06;
    private static final int SRR = 0x20;
    private static final int UDHI = 0x40;
    private static final byte[] NO_OCTETS = new byte[0];

    private PduEncoder() {
    }

    static List<EncodedPdu> submit(SubmitRequest request) throws PduException {
        String text = requireText(request.text());
        byte[] head = new byte[BUFFER_OCTETS];
        int tpduStart = SemiOctets.writeSmsc(request.smsc(), head, 0);
        int at = tpduStart + 1;
        head[at++] = 0; // TP-MR: the modem puts its own
        at = SemiOctets.writeAddress(request.destination(), false, head, at, "destination");
        head[at++] = 0; // TP-PID
        int firstOctet = FIRST_OCTET_SUBMIT | (request.statusReport() ? SRR : 0)
                | request.validity().firstOctetBits();
        return encodeParts(head, tpduStart, at, firstOctet, text, request.forceUcs2(), request.languages(),
                request.concatRef(), null, request.validity().octets());
    }

    static List<EncodedPdu> deliver(DeliverRequest request) throws PduException {
        String text = requireText(request.text());
        if (request.timestamp() == null) {
            throw new PduException("an SMS-DELIVER needs a time stamp");
        }
        byte[] head = new byte[BUFFER_OCTETS];
        int tpduStart = SemiOctets.writeSmsc(request.smsc(), head, 0);
        int at = SemiOctets.writeAddress(request.originator(), true, head, tpduStart + 1, "originator");
        head[at++] = 0; // TP-PID
        return encodeParts(head, tpduStart, at, FIRST_OCTET_DELIVER_NO_MORE, text, request.forceUcs2(),
                java.util.Set.of(), request.concatRef(), request.timestamp(), NO_OCTETS);
    }

    static EncodedPdu statusReport(StatusReportRequest request) throws PduException {
        if (request.messageRef() < 0 || request.messageRef() > 0xFF) {
            throw new PduException("message reference " + request.messageRef() + " is not 0..255");
        }
        if (request.status() < 0 || request.status() > 0xFF) {
            throw new PduException("status " + request.status() + " is not 0..255");
        }
        byte[] out = new byte[BUFFER_OCTETS];
        int tpduStart = SemiOctets.writeSmsc(request.smsc(), out, 0);
        int at = tpduStart;
        out[at++] = FIRST_OCTET_STATUS_REPORT;
        out[at++] = (byte) request.messageRef();
        at = SemiOctets.writeAddress(request.recipient(), false, out, at, "recipient");
        at = SemiOctets.writeTimestamp(request.timestamp(), out, at);
        at = SemiOctets.writeTimestamp(request.dischargeTime(), out, at);
        out[at++] = (byte) request.status();
        return new EncodedPdu(Hex.encode(out, 0, at), at - tpduStart);
    }

    /**
     * Completes {@code head} (SMSC field, a first-octet slot at {@code tpduStart}, then everything up to TP-PID
     * written up to {@code headEnd}) with TP-DCS, the SCTS of a deliver or the TP-VP of a submit, TP-UDL and TP-UD,
     * once per part.
     */
    private static List<EncodedPdu> encodeParts(byte[] head, int tpduStart, int headEnd, int firstOctet, String text,
            boolean forceUcs2, java.util.Set<NationalLanguage> languages, int concatRef, OffsetDateTime scts,
            byte[] validity) throws PduException {
        if (concatRef < 0 || concatRef > 0xFFFF) {
            throw new PduException("concatenation reference " + concatRef + " is not 0..65535");
        }
        TableChoice choice = TableChoice.choose(text, forceUcs2, languages, concatRef);
        boolean ucs2 = choice.ucs2();
        int[] bounds = choice.bounds();
        int total = bounds.length - 1;
        List<EncodedPdu> parts = new ArrayList<>(total);
        for (int part = 1; part <= total; part++) {
            byte[] out = part == total ? head : head.clone();
            int at = headEnd;
            out[at++] = (byte) (ucs2 ? DataCoding.UCS2 : DataCoding.GSM7);
            if (scts != null) {
                at = SemiOctets.writeTimestamp(scts, out, at);
            }
            System.arraycopy(validity, 0, out, at, validity.length);
            at += validity.length;
            int udlAt = at++;
            int headerOctets = Udh.write(out, at, concatRef, total, part, choice.tables());
            out[tpduStart] = (byte) (firstOctet | (headerOctets > 0 ? UDHI : 0));
            int from = bounds[part - 1];
            int to = bounds[part];
            int udl;
            if (ucs2) {
                int p = at + headerOctets;
                for (int i = from; i < to; i++) {
                    char c = text.charAt(i);
                    out[p++] = (byte) (c >>> 8);
                    out[p++] = (byte) c;
                }
                udl = p - at;
                at = p;
            } else {
                int skip = Udh.septets(headerOctets);
                udl = skip + Gsm7.pack(text, from, to, out, at, skip, choice.tables());
                at += (udl * 7 + 7) / 8;
            }
            out[udlAt] = (byte) udl;
            parts.add(new EncodedPdu(Hex.encode(out, 0, at), at - tpduStart));
        }
        return parts;
    }

    private static String requireText(String text) throws PduException {
        if (text == null) {
            throw new PduException("no text");
        }
        return text;
    }
}
