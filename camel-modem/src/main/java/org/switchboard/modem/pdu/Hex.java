package org.switchboard.modem.pdu;

/** Hex text to octets and back, as PDUs travel over the AT interface. */
final class Hex {
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();
    private static final byte[] VALUES = new byte[128];
    /** SIM records pad a PDU to 176 octets; anything far beyond that is not an SMS and is not worth allocating. */
    private static final int MAX_OCTETS = 1024;

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < 10; i++) {
            VALUES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            VALUES['A' + i] = (byte) (10 + i);
            VALUES['a' + i] = (byte) (10 + i);
        }
    }

    private Hex() {
    }

    /** Decodes hex digits of either case; whitespace around the digits is tolerated, inside them it is not. */
    static byte[] decode(String hex) throws PduException {
        if (hex == null) {
            throw new PduException("no PDU (null)");
        }
        int from = 0;
        int to = hex.length();
        while (from < to && hex.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && hex.charAt(to - 1) <= ' ') {
            to--;
        }
        int digits = to - from;
        if (digits == 0) {
            throw new PduException("empty PDU");
        }
        if (digits > 2 * MAX_OCTETS) {
            throw new PduException("PDU of " + digits / 2 + " octets is far longer than any SMS (at most 176)");
        }
        if ((digits & 1) != 0) {
            throw new PduException("odd number of hex digits (" + digits + ")");
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0; i < out.length; i++) {
            int at = from + 2 * i;
            int hi = value(hex.charAt(at));
            int lo = value(hex.charAt(at + 1));
            if ((hi | lo) < 0) {
                int bad = hi < 0 ? at : at + 1;
                throw new PduException("non-hex character at position " + (bad - from));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }

    static String encode(byte[] octets, int offset, int length) {
        char[] out = new char[2 * length];
        for (int i = 0; i < length; i++) {
            int v = octets[offset + i] & 0xFF;
            out[2 * i] = DIGITS[v >>> 4];
            out[2 * i + 1] = DIGITS[v & 0x0F];
        }
        return new String(out);
    }

    static String encode(byte[] octets) {
        return encode(octets, 0, octets.length);
    }
}
