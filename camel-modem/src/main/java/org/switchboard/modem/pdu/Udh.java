package org.switchboard.modem.pdu;

import java.util.Arrays;

/**
 * The user data header (23.040 9.2.3.24): the elements this codec reads, and the concatenation and national language
 * shift elements it writes.
 */
final class Udh {
    static final int IEI_CONCAT_8 = 0x00;
    static final int IEI_PORTS_8 = 0x04;
    static final int IEI_PORTS_16 = 0x05;
    static final int IEI_CONCAT_16 = 0x08;
    static final int IEI_SINGLE_SHIFT = 0x24;
    static final int IEI_LOCKING_SHIFT = 0x25;
    /** UDHL, IEI, IEDL, ref, total, seq. */
    static final int CONCAT_8_OCTETS = 6;
    /** UDHL, IEI, IEDL, ref (2), total, seq. */
    static final int CONCAT_16_OCTETS = 7;

    final byte[] elements;
    final Concat concat;
    final Ports ports;
    /** National language of the single shift table (IEI 0x24), 0 for the default extension table. */
    final int singleShiftLanguage;
    /** National language of the locking shift table (IEI 0x25), 0 for the default alphabet. */
    final int lockingShiftLanguage;

    private Udh(byte[] elements, Concat concat, Ports ports, int singleShiftLanguage, int lockingShiftLanguage) {
        this.elements = elements;
        this.concat = concat;
        this.ports = ports;
        this.singleShiftLanguage = singleShiftLanguage;
        this.lockingShiftLanguage = lockingShiftLanguage;
    }

    /**
     * Parses the header at {@code start} (its length octet) of user data {@code udOctets} long; the caller has checked
     * that those octets exist.
     */
    static Udh parse(byte[] in, int start, int udOctets) throws PduException {
        int udhl = in[start] & 0xFF;
        if (udhl + 1 > udOctets) {
            throw new PduException("UDH length " + udhl + " exceeds the user data (" + udOctets + " octets)");
        }
        int end = start + 1 + udhl;
        Concat concat = null;
        Ports ports = null;
        int singleShift = 0;
        int lockingShift = 0;
        int at = start + 1;
        while (at < end) {
            if (at + 2 > end) {
                throw new PduException("UDH ends inside an element header");
            }
            int iei = in[at] & 0xFF;
            int length = in[at + 1] & 0xFF;
            int data = at + 2;
            if (data + length > end) {
                throw new PduException(String.format("UDH element 0x%02X (%d octets) overruns the header", iei,
                        length));
            }
            // 23.040 9.2.3.24.1: an element with a zero or out-of-range part number is ignored, not fatal
            if (iei == IEI_CONCAT_8 && length == 3) {
                concat = concat(in[data] & 0xFF, in[data + 1] & 0xFF, in[data + 2] & 0xFF, 8, concat);
            } else if (iei == IEI_CONCAT_16 && length == 4) {
                int ref = (in[data] & 0xFF) << 8 | in[data + 1] & 0xFF;
                concat = concat(ref, in[data + 2] & 0xFF, in[data + 3] & 0xFF, 16, concat);
            } else if (iei == IEI_PORTS_8 && length == 2) {
                ports = new Ports(in[data] & 0xFF, in[data + 1] & 0xFF, 8);
            } else if (iei == IEI_PORTS_16 && length == 4) {
                ports = new Ports((in[data] & 0xFF) << 8 | in[data + 1] & 0xFF,
                        (in[data + 2] & 0xFF) << 8 | in[data + 3] & 0xFF, 16);
            } else if (iei == IEI_SINGLE_SHIFT && length == 1) {
                singleShift = in[data] & 0xFF;
            } else if (iei == IEI_LOCKING_SHIFT && length == 1) {
                lockingShift = in[data] & 0xFF;
            }
            at = data + length;
        }
        return new Udh(Arrays.copyOfRange(in, start + 1, end), concat, ports, singleShift, lockingShift);
    }

    private static Concat concat(int ref, int total, int part, int bits, Concat previous) {
        if (total == 0 || part == 0 || part > total) {
            return previous;
        }
        return new Concat(ref, part, total, bits);
    }

    /** The tables this header selects for GSM 7-bit text (23.038 6.2.1.2.4; unknown languages read as default). */
    Gsm7.Tables tables() {
        return Gsm7.Tables.of(lockingShiftLanguage, singleShiftLanguage);
    }

    /**
     * Octets (UDHL included) of the header {@link #write} makes: none when a single part needs no national language
     * element.
     */
    static int octets(boolean concatenated, int ref, Gsm7.Tables tables) {
        int elements = (concatenated ? (ref > 0xFF ? CONCAT_16_OCTETS : CONCAT_8_OCTETS) - 1 : 0)
                + (tables == null ? 0 : tables.headerOctets());
        return elements == 0 ? 0 : elements + 1;
    }

    /**
     * Writes UDHL, the concatenation element when {@code total > 1}, then the locking and single shift elements the
     * national tables need (IEI 0x25, 0x24); returns the octets written (0 when there is nothing to write).
     */
    static int write(byte[] out, int at, int ref, int total, int part, Gsm7.Tables tables) {
        int p = at + 1;
        if (total > 1) {
            p = at + writeConcat(out, at, ref, total, part);
        }
        if (tables != null && tables.locking != 0) {
            out[p++] = IEI_LOCKING_SHIFT;
            out[p++] = 1;
            out[p++] = (byte) tables.locking;
        }
        if (tables != null && tables.single != 0) {
            out[p++] = IEI_SINGLE_SHIFT;
            out[p++] = 1;
            out[p++] = (byte) tables.single;
        }
        if (p == at + 1) {
            return 0;
        }
        out[at] = (byte) (p - at - 1);
        return p - at;
    }

    /** Writes UDHL and a concatenation element at {@code at}; returns the octets written. */
    static int writeConcat(byte[] out, int at, int ref, int total, int part) {
        if (ref > 0xFF) {
            out[at] = CONCAT_16_OCTETS - 1;
            out[at + 1] = IEI_CONCAT_16;
            out[at + 2] = 4;
            out[at + 3] = (byte) (ref >>> 8);
            out[at + 4] = (byte) ref;
            out[at + 5] = (byte) total;
            out[at + 6] = (byte) part;
            return CONCAT_16_OCTETS;
        }
        out[at] = CONCAT_8_OCTETS - 1;
        out[at + 1] = IEI_CONCAT_8;
        out[at + 2] = 3;
        out[at + 3] = (byte) ref;
        out[at + 4] = (byte) total;
        out[at + 5] = (byte) part;
        return CONCAT_8_OCTETS;
    }

    /** Septets a UDH of {@code octets} (UDHL included) takes in GSM 7-bit user data, its fill bits included. */
    static int septets(int octets) {
        return (octets * 8 + 6) / 7;
    }
}
