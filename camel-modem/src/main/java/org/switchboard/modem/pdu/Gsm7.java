package org.switchboard.modem.pdu;

/**
 * The GSM 7-bit alphabets of 3GPP TS 23.038: the default alphabet and its extension table (6.2.1, 6.2.1.1), and the
 * national language locking shift and single shift tables of Annex A; packed into septets.
 */
final class Gsm7 {
    static final int ESCAPE = 0x1B;

    private static final String DEFAULT = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final char[] EXTENSION = new char[128];
    /** One past the highest character any table holds (U+221E, Portuguese's infinity). */
    private static final int CODE_RANGE = 0x2220;

    static {
        if (DEFAULT.length() != 128) {
            throw new IllegalStateException("GSM 7-bit table has " + DEFAULT.length() + " entries");
        }
        String chars = "\f^{}\\[~]|€";
        int[] codes = { 0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65 };
        for (int i = 0; i < codes.length; i++) {
            EXTENSION[codes[i]] = chars.charAt(i);
        }
    }

    /**
     * One message's pair of tables: the locking shift table its septets read through and the single shift table its
     * escapes select, each named by its national language identifier (0 for the default alphabet and its extension).
     */
    static final class Tables {
        static final Tables DEFAULT_TABLES = new Tables(0, 0);
        private static final Tables[][] PAIRS = new Tables[NationalTables.LAST_LANGUAGE + 1][
                NationalTables.LAST_LANGUAGE + 1];

        static {
            PAIRS[0][0] = DEFAULT_TABLES;
        }

        final int locking;
        final int single;
        final char[] lockingChars;
        final char[] singleChars;
        /** Char to code: 0..127 one septet, 0x100|x the escape then x, -1 in neither table. */
        private final short[] codes = new short[CODE_RANGE];

        private Tables(int locking, int single) {
            this.locking = locking;
            this.single = single;
            lockingChars = locking == 0 ? DEFAULT.toCharArray() : NationalTables.locking(locking).toCharArray();
            singleChars = single == 0 ? EXTENSION : NationalTables.single(single).toCharArray();
            java.util.Arrays.fill(codes, (short) -1);
            for (int i = 0; i < 128; i++) {
                char c = singleChars[i];
                if (c != 0 && i != ESCAPE) {
                    codes[c] = (short) (0x100 | i);
                }
            }
            // 23.038 gives some characters in both tables of a pair: the one septet of the locking table wins
            for (int i = 127; i >= 0; i--) {
                char c = lockingChars[i];
                if (c != 0 && i != ESCAPE) {
                    codes[c] = (short) i;
                }
            }
        }

        /**
         * The pair for identifiers {@code locking} and {@code single}; an identifier 23.038 gives no such table for
         * reads as 0, as 23.038 6.2.1.2.4 asks of a receiver.
         */
        static Tables of(int locking, int single) {
            int l = NationalTables.locking(locking) != null ? locking : 0;
            int s = NationalTables.single(single) != null ? single : 0;
            synchronized (PAIRS) {
                Tables t = PAIRS[l][s];
                if (t == null) {
                    t = new Tables(l, s);
                    PAIRS[l][s] = t;
                }
                return t;
            }
        }

        /** 0..127 for one septet, 0x100|x for the escape followed by x, -1 when neither table has {@code c}. */
        int code(char c) {
            return c < CODE_RANGE ? codes[c] : -1;
        }

        /** Whether this is the default alphabet with its extension table (no UDH element needed). */
        boolean isDefault() {
            return locking == 0 && single == 0;
        }

        /** UDH octets the national language elements of this pair take (IEI, length, identifier: 3 each). */
        int headerOctets() {
            return (locking != 0 ? 3 : 0) + (single != 0 ? 3 : 0);
        }

        /** Septets {@code text[from,to)} needs, or -1 when a character is in neither table. */
        int septets(CharSequence text, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                int code = code(text.charAt(i));
                if (code < 0) {
                    return -1;
                }
                n += code < 0x100 ? 1 : 2;
            }
            return n;
        }

        @Override
        public String toString() {
            return "locking " + locking + ", single " + single;
        }
    }

    private Gsm7() {
    }

    /** The default alphabet's character for {@code septet} (0..127; the escape reads as a space). */
    static char defaultChar(int septet) {
        return septet == ESCAPE ? ' ' : DEFAULT.charAt(septet);
    }

    /** What the escape followed by {@code septet} means: the extension's character, else the default one. */
    static char escaped(int septet) {
        char c = EXTENSION[septet];
        return c != 0 ? c : defaultChar(septet);
    }

    /** The default tables' code of {@code c}: see {@link Tables#code}. */
    static int code(char c) {
        return Tables.DEFAULT_TABLES.code(c);
    }

    /** Septets {@code text[from,to)} needs in the default tables, or -1 when a character is not in them. */
    static int septets(CharSequence text, int from, int to) {
        return Tables.DEFAULT_TABLES.septets(text, from, to);
    }

    /** {@link #pack(CharSequence, int, int, byte[], int, int, Tables)} with the default tables. */
    static int pack(CharSequence text, int from, int to, byte[] out, int udStart, int firstSeptet) {
        return pack(text, from, to, out, udStart, firstSeptet, Tables.DEFAULT_TABLES);
    }

    /**
     * Packs {@code text[from,to)} into {@code out}, septet by septet, starting at septet index {@code firstSeptet} of
     * user data that begins at octet {@code udStart}; the characters must already be known to be encodable in
     * {@code tables}.
     *
     * @return the septets written
     */
    static int pack(CharSequence text, int from, int to, byte[] out, int udStart, int firstSeptet, Tables tables) {
        int septet = firstSeptet;
        for (int i = from; i < to; i++) {
            int code = tables.code(text.charAt(i));
            if (code >= 0x100) {
                putSeptet(out, udStart, septet++, ESCAPE);
                code &= 0x7F;
            }
            putSeptet(out, udStart, septet++, code);
        }
        return septet - firstSeptet;
    }

    private static void putSeptet(byte[] out, int udStart, int index, int value) {
        int bit = index * 7;
        int at = udStart + (bit >>> 3);
        int shift = bit & 7;
        out[at] |= (byte) (value << shift);
        if (shift > 1) {
            out[at + 1] |= (byte) (value >>> (8 - shift));
        }
    }

    static int septetAt(byte[] in, int udStart, int index) {
        int bit = index * 7;
        int at = udStart + (bit >>> 3);
        int shift = bit & 7;
        int v = (in[at] & 0xFF) >>> shift;
        if (shift > 1) {
            v |= (in[at + 1] & 0xFF) << (8 - shift);
        }
        return v & 0x7F;
    }

    /**
     * Decodes septets {@code [from,to)} of user data starting at octet {@code udStart} with the default tables; the
     * caller has checked that the octets are there.
     */
    static void unpack(byte[] in, int udStart, int from, int to, StringBuilder out) {
        unpack(in, udStart, from, to, Tables.DEFAULT_TABLES, out);
    }

    /** As {@link #unpack(byte[], int, int, int, StringBuilder)}, through {@code tables}. */
    static void unpack(byte[] in, int udStart, int from, int to, Tables tables, StringBuilder out) {
        char[] locking = tables.lockingChars;
        for (int i = from; i < to; i++) {
            int s = septetAt(in, udStart, i);
            if (s != ESCAPE) {
                out.append(shown(locking[s]));
            } else if (i + 1 < to) {
                int x = septetAt(in, udStart, ++i);
                char c = tables.singleChars[x];
                // 23.038 6.2.1.1: an escape followed by a code the single shift table leaves empty shows the locking
                // table's character; 1B1B shows a space
                out.append(c != 0 ? c : x == ESCAPE ? ' ' : shown(locking[x]));
            }
        }
    }

    /** A position a table leaves empty shows as a space. */
    private static char shown(char c) {
        return c != 0 ? c : ' ';
    }
}
