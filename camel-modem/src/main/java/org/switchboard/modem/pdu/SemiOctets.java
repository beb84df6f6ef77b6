package org.switchboard.modem.pdu;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Swapped-nibble BCD (23.040 9.1.2.3): address digits and the seven-octet time stamps (SCTS, DT, absolute VP). */
final class SemiOctets {
    static final int TOA_INTERNATIONAL = 0x91;
    static final int TOA_UNKNOWN = 0x81;
    static final int TOA_ALPHANUMERIC = 0xD0;
    static final int MAX_ADDRESS_DIGITS = 20;
    static final int MAX_ALPHANUMERIC_CHARS = 11;
    static final int TIMESTAMP_OCTETS = 7;

    private static final String DIGITS = "0123456789*#abc";
    private static final int MAX_OFFSET_QUARTERS = 18 * 4;

    private SemiOctets() {
    }

    static boolean isAlphanumeric(int toa) {
        return (toa & 0x70) == 0x50;
    }

    /** TP-OA, TP-DA and TP-RA: the length counts semi-octets (for alphanumeric ones, the packed septets' nibbles). */
    static Address readAddress(OctetReader r, String field) throws PduException {
        int semiOctets = r.u8(field + " length");
        if (semiOctets > MAX_ADDRESS_DIGITS) {
            throw new PduException(field + " length " + semiOctets + " exceeds " + MAX_ADDRESS_DIGITS + " digits");
        }
        int toa = r.u8(field + " type");
        int start = r.take((semiOctets + 1) / 2, field);
        return new Address(value(r.octets(), start, semiOctets, toa), toa);
    }

    /** The SMSC field in front of the TPDU: its length counts octets, the type octet included. */
    static Address readSmsc(OctetReader r) throws PduException {
        int octets = r.u8("SMSC length");
        if (octets == 0) {
            return null;
        }
        if (octets > 1 + MAX_ADDRESS_DIGITS / 2) {
            throw new PduException("SMSC length " + octets + " exceeds " + (1 + MAX_ADDRESS_DIGITS / 2) + " octets");
        }
        int toa = r.u8("SMSC type");
        int start = r.take(octets - 1, "SMSC address");
        return new Address(value(r.octets(), start, 2 * (octets - 1), toa), toa);
    }

    private static String value(byte[] in, int start, int semiOctets, int toa) {
        if (isAlphanumeric(toa)) {
            StringBuilder text = new StringBuilder(MAX_ALPHANUMERIC_CHARS);
            Gsm7.unpack(in, start, 0, semiOctets * 4 / 7, text);
            return text.toString();
        }
        boolean international = (toa & 0x70) == 0x10;
        char[] out = new char[semiOctets + 1];
        int n = 0;
        if (international) {
            out[n++] = '+';
        }
        for (int i = 0; i < semiOctets; i++) {
            int octet = in[start + (i >>> 1)] & 0xFF;
            int nibble = (i & 1) == 0 ? octet & 0x0F : octet >>> 4;
            if (nibble != 0x0F) {
                out[n++] = DIGITS.charAt(nibble);
            }
        }
        return new String(out, 0, n);
    }

    /** Writes length, type and digits of a TP address; returns the next free position. */
    static int writeAddress(String address, boolean alphanumericAllowed, byte[] out, int at, String field)
            throws PduException {
        if (address == null || address.isEmpty()) {
            throw new PduException(field + " is empty");
        }
        if (isNumber(address)) {
            int digitsFrom = address.charAt(0) == '+' ? 1 : 0;
            int digits = address.length() - digitsFrom;
            out[at] = (byte) digits;
            out[at + 1] = (byte) (digitsFrom == 1 ? TOA_INTERNATIONAL : TOA_UNKNOWN);
            return writeDigits(address, digitsFrom, out, at + 2);
        }
        if (!alphanumericAllowed) {
            throw new PduException(field + " '" + address + "' is not a phone number");
        }
        int septets = Gsm7.septets(address, 0, address.length());
        if (septets < 0 || septets > MAX_ALPHANUMERIC_CHARS) {
            throw new PduException(field + " '" + address + "' is not up to " + MAX_ALPHANUMERIC_CHARS
                    + " GSM 7-bit characters");
        }
        int octets = (septets * 7 + 7) / 8;
        java.util.Arrays.fill(out, at + 2, at + 2 + octets + 1, (byte) 0);
        Gsm7.pack(address, 0, address.length(), out, at + 2, 0);
        out[at] = (byte) ((septets * 7 + 3) / 4);
        out[at + 1] = (byte) TOA_ALPHANUMERIC;
        return at + 2 + octets;
    }

    /** Writes the SMSC field (an empty one, "00", when {@code smsc} is null); returns the next free position. */
    static int writeSmsc(String smsc, byte[] out, int at) throws PduException {
        if (smsc == null || smsc.isEmpty()) {
            out[at] = 0;
            return at + 1;
        }
        if (!isNumber(smsc)) {
            throw new PduException("SMSC '" + smsc + "' is not a phone number");
        }
        int digitsFrom = smsc.charAt(0) == '+' ? 1 : 0;
        int digits = smsc.length() - digitsFrom;
        out[at] = (byte) (1 + (digits + 1) / 2);
        out[at + 1] = (byte) (digitsFrom == 1 ? TOA_INTERNATIONAL : TOA_UNKNOWN);
        return writeDigits(smsc, digitsFrom, out, at + 2);
    }

    /** "+" then digits, or digits; * and # allowed (USSD-style service numbers); at most 20 of them. */
    static boolean isNumber(String s) {
        int from = s.charAt(0) == '+' ? 1 : 0;
        int digits = s.length() - from;
        if (digits == 0 || digits > MAX_ADDRESS_DIGITS) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '*' && c != '#') {
                return false;
            }
        }
        return true;
    }

    private static int writeDigits(String s, int from, byte[] out, int at) {
        int digits = s.length() - from;
        for (int i = 0; i < digits; i += 2) {
            int lo = nibble(s.charAt(from + i));
            int hi = i + 1 < digits ? nibble(s.charAt(from + i + 1)) : 0x0F;
            out[at++] = (byte) (hi << 4 | lo);
        }
        return at;
    }

    private static int nibble(char c) {
        return c == '*' ? 0x0A : c == '#' ? 0x0B : c - '0';
    }

    /**
     * Reads a seven-octet time stamp; null when its date or time digits are not a valid date (the rest of the PDU
     * is still worth having). A time zone octet that is not BCD is read the lenient way gammu does.
     */
    static OffsetDateTime readTimestamp(byte[] in, int at) {
        int year = fromBcd(in[at]);
        int month = fromBcd(in[at + 1]);
        int day = fromBcd(in[at + 2]);
        int hour = fromBcd(in[at + 3]);
        int minute = fromBcd(in[at + 4]);
        int second = fromBcd(in[at + 5]);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1 || day > 31
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int tz = in[at + 6] & 0xFF;
        int quarters = (tz & 0x07) * 10 + (tz >>> 4);
        if (quarters > MAX_OFFSET_QUARTERS) {
            return null;
        }
        int offsetSeconds = ((tz & 0x08) != 0 ? -quarters : quarters) * 15 * 60;
        try {
            // 23.040 leaves the century open; the corpus and the decoders we checked against read all years as 20yy
            return OffsetDateTime.of(2000 + year, month, day, hour, minute, second, 0,
                    ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int fromBcd(byte b) {
        int tens = b & 0x0F;
        int units = (b >>> 4) & 0x0F;
        return tens > 9 || units > 9 ? -1 : tens * 10 + units;
    }

    /** Writes a seven-octet time stamp; the offset is kept to the nearest quarter hour. */
    static int writeTimestamp(OffsetDateTime t, byte[] out, int at) throws PduException {
        if (t == null) {
            throw new PduException("time stamp is missing");
        }
        out[at] = toBcd(t.getYear() % 100);
        out[at + 1] = toBcd(t.getMonthValue());
        out[at + 2] = toBcd(t.getDayOfMonth());
        out[at + 3] = toBcd(t.getHour());
        out[at + 4] = toBcd(t.getMinute());
        out[at + 5] = toBcd(t.getSecond());
        int offsetSeconds = t.getOffset().getTotalSeconds();
        int quarters = Math.round(Math.abs(offsetSeconds) / 900f);
        if (quarters > 79) {
            throw new PduException("time zone offset " + t.getOffset() + " does not fit a time stamp");
        }
        int tz = toBcd(quarters) & 0xFF;
        if (offsetSeconds < 0) {
            tz |= 0x08;
        }
        out[at + 6] = (byte) tz;
        return at + TIMESTAMP_OCTETS;
    }

    private static byte toBcd(int value) {
        return (byte) ((value % 10) << 4 | value / 10);
    }
}
