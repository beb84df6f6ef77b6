package org.switchboard.modem.pdu;

import java.util.Set;

/**
 * How a text is written into SMS parts: the GSM 7-bit tables (default or a national language pair) or UCS2, and where
 * its parts begin. National tables are taken only when allowed and when they take fewer parts than the default
 * alphabet, or UCS2 where the default alphabet cannot write the text, counting the UDH octets their elements add (3
 * each), as 23.038 Annex A intends: phones without the tables still read UCS2.
 *
 * @param tables the GSM tables, or null for UCS2
 * @param bounds part boundaries as {@link TextSplitter#split} gives them
 */
record TableChoice(Gsm7.Tables tables, int[] bounds) {

    int parts() {
        return bounds.length - 1;
    }

    boolean ucs2() {
        return tables == null;
    }

    static TableChoice choose(String text, boolean forceUcs2, Set<NationalLanguage> allowed, int concatRef)
            throws PduException {
        if (forceUcs2) {
            return split(text, null, concatRef);
        }
        Gsm7.Tables plain = Gsm7.Tables.DEFAULT_TABLES;
        TableChoice best = null;
        PduException tooLong = null;
        try {
            best = split(text, plain.septets(text, 0, text.length()) >= 0 ? plain : null, concatRef);
        } catch (PduException e) {
            tooLong = e;
        }
        if (allowed.isEmpty() || best != null && best.parts() == 1) {
            if (best == null) {
                throw tooLong;
            }
            return best;
        }
        for (int locking : ids(allowed, true)) {
            for (int single : ids(allowed, false)) {
                Gsm7.Tables t = Gsm7.Tables.of(locking, single);
                if (t.isDefault() || t.septets(text, 0, text.length()) < 0) {
                    continue;
                }
                TableChoice c;
                try {
                    c = split(text, t, concatRef);
                } catch (PduException e) {
                    continue;
                }
                if (best == null || better(c, best, text)) {
                    best = c;
                }
            }
        }
        if (best == null) {
            throw tooLong;
        }
        return best;
    }

    /**
     * Whether national {@code c} beats {@code best}: fewer parts; with as many, against another national pair only,
     * the smaller header (one table rather than two), then fewer septets (fewer escapes).
     */
    private static boolean better(TableChoice c, TableChoice best, String text) {
        if (c.parts() != best.parts()) {
            return c.parts() < best.parts();
        }
        if (best.ucs2() || best.tables.isDefault()) {
            return false;
        }
        int header = Integer.compare(c.tables.headerOctets(), best.tables.headerOctets());
        if (header != 0) {
            return header < 0;
        }
        return c.tables.septets(text, 0, text.length()) < best.tables.septets(text, 0, text.length());
    }

    /** 0 (the default table) and the identifiers of the allowed languages that have such a table. */
    private static int[] ids(Set<NationalLanguage> allowed, boolean locking) {
        int[] out = new int[allowed.size() + 1];
        int n = 1;
        for (NationalLanguage l : allowed) {
            if (!locking || l.hasLockingShift()) {
                out[n++] = l.id();
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static TableChoice split(String text, Gsm7.Tables tables, int concatRef) throws PduException {
        int[] bounds = TextSplitter.split(text, tables, Udh.octets(false, concatRef, tables),
                Udh.octets(true, concatRef, tables));
        return new TableChoice(tables, bounds);
    }
}
