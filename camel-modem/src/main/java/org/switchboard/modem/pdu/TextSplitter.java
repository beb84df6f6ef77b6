package org.switchboard.modem.pdu;

/**
 * Cuts a text into the parts of a concatenated SMS (23.040 9.2.3.24.1) without splitting a GSM escape sequence or
 * a UTF-16 surrogate pair: GSM 7-bit 160 septets alone, else 153 per part (152 with a 16-bit reference); UCS2 70
 * code units alone, else 67 (66). National language shift elements in the UDH (3 octets each) take their room too:
 * 155 septets alone with one, 149 per part with one and an 8-bit reference.
 */
final class TextSplitter {
    static final int MAX_PARTS = 255;
    private static final int USER_DATA_OCTETS = 140;

    private TextSplitter() {
    }

    /** Splits with the default GSM tables (or UCS2) and no header but the concatenation element. */
    static int[] split(String text, boolean ucs2, int concatHeaderOctets) throws PduException {
        return split(text, ucs2 ? null : Gsm7.Tables.DEFAULT_TABLES, 0, concatHeaderOctets);
    }

    /**
     * @param tables             the GSM 7-bit tables the text is written in, null for UCS2; the text must fit them
     * @param singleHeaderOctets the UDH (UDHL included) of the message when it goes in one part, 0 for none
     * @param partHeaderOctets   the UDH of each part of a concatenated message
     * @return part boundaries: part i is {@code text[bounds[i], bounds[i+1])}
     */
    static int[] split(String text, Gsm7.Tables tables, int singleHeaderOctets, int partHeaderOctets)
            throws PduException {
        boolean ucs2 = tables == null;
        int length = text.length();
        int units = ucs2 ? length : tables.septets(text, 0, length);
        if (units <= capacity(ucs2, singleHeaderOctets)) {
            return new int[] { 0, length };
        }
        int perPart = capacity(ucs2, partHeaderOctets);
        if (units > MAX_PARTS * perPart) {
            throw tooLong((units + perPart - 1) / perPart);
        }
        // a part wastes at most one unit (an escape or a surrogate pair that did not fit)
        int[] bounds = new int[units / (perPart - 1) + 3];
        int parts = 0;
        int used = 0;
        for (int i = 0; i < length;) {
            int width = ucs2 ? pairWidth(text, i) : 1;
            int cost = ucs2 ? width : tables.code(text.charAt(i)) < 0x100 ? 1 : 2;
            if (used + cost > perPart) {
                bounds[++parts] = i;
                used = 0;
            }
            used += cost;
            i += width;
        }
        bounds[++parts] = length;
        if (parts > MAX_PARTS) {
            throw tooLong(parts);
        }
        return java.util.Arrays.copyOf(bounds, parts + 1);
    }

    /** Septets (GSM) or UTF-16 units (UCS2) that fit beside a UDH of {@code headerOctets}. */
    static int capacity(boolean ucs2, int headerOctets) {
        int room = USER_DATA_OCTETS - headerOctets;
        return ucs2 ? room / 2 : room * 8 / 7;
    }

    private static int pairWidth(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
    }

    private static PduException tooLong(int parts) {
        return new PduException("text needs " + parts + " parts, more than the " + MAX_PARTS
                + " a concatenated SMS can have");
    }
}
