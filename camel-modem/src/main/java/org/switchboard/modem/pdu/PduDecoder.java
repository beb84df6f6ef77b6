package org.switchboard.modem.pdu;

import java.time.OffsetDateTime;
import java.util.Arrays;

/** Reads SMS-DELIVER, SMS-SUBMIT and SMS-STATUS-REPORT TPDUs (23.040 9.2.2); every length is checked before use. */
final class PduDecoder {
    private static final int MAX_SEPTETS = 160;
    private static final int MAX_OCTETS = 140;

    private PduDecoder() {
    }

    static SmsPdu decode(String hex, boolean smscIncluded) throws PduException {
        byte[] octets = Hex.decode(hex);
        OctetReader r = new OctetReader(octets);
        Address smsc = smscIncluded ? SemiOctets.readSmsc(r) : null;
        int tpduLength = r.remaining();
        int firstOctet = r.u8("first octet");
        return switch (firstOctet & 0x03) {
            case 0 -> deliver(r, smsc, tpduLength, firstOctet);
            case 1 -> submit(r, smsc, tpduLength, firstOctet);
            case 2 -> statusReport(r, smsc, tpduLength, firstOctet);
            default -> throw new PduException(String.format("reserved TP-MTI 3 (first octet 0x%02X)", firstOctet));
        };
    }

    private static SmsDeliver deliver(OctetReader r, Address smsc, int tpduLength, int firstOctet)
            throws PduException {
        Address originator = SemiOctets.readAddress(r, "originator address");
        int pid = r.u8("TP-PID");
        int dcs = r.u8("TP-DCS");
        OffsetDateTime scts = timestamp(r, "TP-SCTS");
        UserData userData = userData(r, dcs, (firstOctet & 0x40) != 0);
        return new SmsDeliver(smsc, tpduLength, originator, userData, scts, firstOctet, pid);
    }

    private static SmsSubmit submit(OctetReader r, Address smsc, int tpduLength, int firstOctet) throws PduException {
        int messageRef = r.u8("TP-MR");
        Address destination = SemiOctets.readAddress(r, "destination address");
        int pid = r.u8("TP-PID");
        int dcs = r.u8("TP-DCS");
        ValidityPeriod vp = switch ((firstOctet >>> 3) & 0x03) {
            case 2 -> validity(r, ValidityPeriod.Format.RELATIVE, 1);
            case 1 -> validity(r, ValidityPeriod.Format.ENHANCED, 7);
            case 3 -> validity(r, ValidityPeriod.Format.ABSOLUTE, 7);
            default -> ValidityPeriod.NONE;
        };
        UserData userData = userData(r, dcs, (firstOctet & 0x40) != 0);
        return new SmsSubmit(smsc, tpduLength, destination, messageRef, (firstOctet & 0x20) != 0, userData,
                firstOctet, pid, vp);
    }

    private static ValidityPeriod validity(OctetReader r, ValidityPeriod.Format format, int length)
            throws PduException {
        int at = r.take(length, "TP-VP");
        return new ValidityPeriod(format, Arrays.copyOfRange(r.octets(), at, at + length));
    }

    private static SmsStatusReport statusReport(OctetReader r, Address smsc, int tpduLength, int firstOctet)
            throws PduException {
        int messageRef = r.u8("TP-MR");
        Address recipient = SemiOctets.readAddress(r, "recipient address");
        OffsetDateTime scts = timestamp(r, "TP-SCTS");
        OffsetDateTime dischargeTime = timestamp(r, "TP-DT");
        int status = r.u8("TP-ST");
        int pid = -1;
        UserData userData = null;
        try {
            if (r.remaining() > 0) {
                int pi = r.u8("TP-PI");
                // further TP-PI octets (extension bit) carry nothing defined yet
                for (int ext = pi; (ext & 0x80) != 0 && r.remaining() > 0;) {
                    ext = r.u8("TP-PI");
                }
                int readPid = (pi & 0x01) != 0 ? r.u8("TP-PID") : -1;
                int dcs = (pi & 0x02) != 0 ? r.u8("TP-DCS") : 0;
                userData = (pi & 0x04) != 0 ? userData(r, dcs, (firstOctet & 0x40) != 0) : null;
                pid = readPid;
            }
        } catch (PduException e) {
            // Reports read from SIM storage come padded with 0xFF; a report whose optional tail does not parse
            // still says what became of the message, so keep it and drop the tail.
            userData = null;
        }
        return new SmsStatusReport(smsc, tpduLength, recipient, messageRef, status, scts, dischargeTime, firstOctet,
                pid, userData);
    }

    private static OffsetDateTime timestamp(OctetReader r, String field) throws PduException {
        return SemiOctets.readTimestamp(r.octets(), r.take(SemiOctets.TIMESTAMP_OCTETS, field));
    }

    private static UserData userData(OctetReader r, int dcs, boolean udhi) throws PduException {
        Encoding encoding = DataCoding.encoding(dcs);
        int udl = r.u8("TP-UDL");
        boolean septets = encoding == Encoding.GSM7;
        if (udl > (septets ? MAX_SEPTETS : MAX_OCTETS)) {
            throw new PduException("TP-UDL " + udl + " exceeds " + (septets ? MAX_SEPTETS + " septets"
                    : MAX_OCTETS + " octets"));
        }
        int octets = septets ? (udl * 7 + 7) / 8 : udl;
        if (octets > r.remaining()) {
            throw new PduException("user data shorter than TP-UDL (" + r.remaining() + " of " + octets + " octets)");
        }
        byte[] in = r.octets();
        int start = r.take(octets, "user data");
        Udh udh = null;
        int headerOctets = 0;
        // a set TP-UDHI with no user data at all is seen in the wild; there is simply no header then
        if (udhi && octets > 0) {
            udh = Udh.parse(in, start, octets);
            headerOctets = udh.elements.length + 1;
        }
        Concat concat = udh != null ? udh.concat : null;
        Ports ports = udh != null ? udh.ports : null;
        byte[] header = udh != null ? udh.elements : null;
        switch (encoding) {
            case GSM7 -> {
                int skip = Udh.septets(headerOctets);
                if (skip > udl) {
                    throw new PduException("UDH (" + headerOctets + " octets) is longer than the user data ("
                            + udl + " septets)");
                }
                StringBuilder text = new StringBuilder(udl - skip);
                Gsm7.unpack(in, start, skip, udl, udh != null ? udh.tables() : Gsm7.Tables.DEFAULT_TABLES, text);
                return new UserData(encoding, text.toString(), null, concat, dcs, udl, header, ports);
            }
            case UCS2 -> {
                int from = start + headerOctets;
                int chars = (octets - headerOctets) / 2;
                char[] text = new char[chars];
                for (int i = 0; i < chars; i++) {
                    text[i] = (char) ((in[from + 2 * i] & 0xFF) << 8 | in[from + 2 * i + 1] & 0xFF);
                }
                return new UserData(encoding, new String(text), null, concat, dcs, udl, header, ports);
            }
            default -> {
                byte[] data = Arrays.copyOfRange(in, start + headerOctets, start + octets);
                return new UserData(encoding, null, data, concat, dcs, udl, header, ports);
            }
        }
    }
}
