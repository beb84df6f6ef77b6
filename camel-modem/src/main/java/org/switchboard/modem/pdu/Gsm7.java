package org.switchboard.modem.pdu;

/** The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 6.2.1), packed into septets. */
final class Gsm7 {
    static final int ESCAPE = 0x1B;

    private static final String DEFAULT = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final char[] EXTENSION = new char[128];
    private static final char[] TURKISH_SHIFT;
    private static final char[] SPANISH_SHIFT;
    private static final char EURO = '€';
    private static final int EURO_CODE = 0x100 | 0x65;
    /** Char to code: 0..127 one septet, 0x100|x the escape then x, -1 not in the alphabet. */
    private static final short[] CODES = new short[0x400];

    static {
        if (DEFAULT.length() != 128) {
            throw new IllegalStateException("GSM 7-bit table has " + DEFAULT.length() + " entries");
        }
        java.util.Arrays.fill(CODES, (short) -1);
        for (int i = 0; i < 128; i++) {
            if (i != ESCAPE) {
                CODES[DEFAULT.charAt(i)] = (short) i;
            }
        }
        String chars = "\f^{}\\[~]|";
        int[] codes = { 0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40 };
        for (int i = 0; i < codes.length; i++) {
            EXTENSION[codes[i]] = chars.charAt(i);
            CODES[chars.charAt(i)] = (short) (0x100 | codes[i]);
        }
        EXTENSION[0x65] = EURO;
        TURKISH_SHIFT = shiftTable("ĞİŞçğış", 0x47, 0x49, 0x53, 0x63, 0x67, 0x69, 0x73);
        SPANISH_SHIFT = shiftTable("çÁÍÓÚáíóú", 0x09, 0x41, 0x49, 0x4F, 0x55, 0x61, 0x69, 0x6F, 0x75);
    }

    /** A national single shift table (23.038 A.2): the default extension plus the language's own characters. */
    private static char[] shiftTable(String chars, int... codes) {
        char[] table = EXTENSION.clone();
        for (int i = 0; i < codes.length; i++) {
            table[codes[i]] = chars.charAt(i);
        }
        return table;
    }

    /**
     * The table an escape selects when the UDH names national language {@code language} (IEI 0x24): Turkish (1) and
     * Spanish (2) are known, any other language reads with the default extension table.
     */
    static char[] singleShiftTable(int language) {
        return switch (language) {
            case 1 -> TURKISH_SHIFT;
            case 2 -> SPANISH_SHIFT;
            default -> EXTENSION;
        };
    }

    static char[] extensionTable() {
        return EXTENSION;
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

    private Gsm7() {
    }

    /** 0..127 for one septet, 0x100|x for the escape followed by x, -1 when the character is not in the alphabet. */
    static int code(char c) {
        if (c < CODES.length) {
            return CODES[c];
        }
        return c == EURO ? EURO_CODE : -1;
    }

    /** Septets {@code text[from,to)} needs, or -1 when a character is outside the alphabet and its extension. */
    static int septets(CharSequence text, int from, int to) {
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

    /**
     * Packs {@code text[from,to)} into {@code out}, septet by septet, starting at septet index {@code firstSeptet} of
     * user data that begins at octet {@code udStart}; the characters must already be known to be encodable.
     *
     * @return the septets written
     */
    static int pack(CharSequence text, int from, int to, byte[] out, int udStart, int firstSeptet) {
        int septet = firstSeptet;
        for (int i = from; i < to; i++) {
            int code = code(text.charAt(i));
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
     * Decodes septets {@code [from,to)} of user data starting at octet {@code udStart}; the caller has checked that
     * the octets are there.
     */
    static void unpack(byte[] in, int udStart, int from, int to, StringBuilder out) {
        unpack(in, udStart, from, to, EXTENSION, out);
    }

    /** As {@link #unpack(byte[], int, int, int, StringBuilder)}, escapes read through {@code shiftTable}. */
    static void unpack(byte[] in, int udStart, int from, int to, char[] shiftTable, StringBuilder out) {
        for (int i = from; i < to; i++) {
            int s = septetAt(in, udStart, i);
            if (s != ESCAPE) {
                out.append(DEFAULT.charAt(s));
            } else if (i + 1 < to) {
                int x = septetAt(in, udStart, ++i);
                char c = shiftTable[x];
                // 23.038 6.2.1.1: an unknown extension code shows its default-table character; 1B1B shows a space
                out.append(c != 0 ? c : x == ESCAPE ? ' ' : DEFAULT.charAt(x));
            }
        }
    }
}
