package org.switchboard.modem.pdu;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The national languages of 3GPP TS 23.038 6.2.1.2.4 that have shift tables (Annex A), each with the identifier the
 * UDH carries (IEI 0x24 single shift, 0x25 locking shift) and its ISO 639-1 code, the name a setting uses.
 */
public enum NationalLanguage {
    TURKISH(1, "tr"), SPANISH(2, "es"), PORTUGUESE(3, "pt"), BENGALI(4, "bn"), GUJARATI(5, "gu"), HINDI(6, "hi"),
    KANNADA(7, "kn"), MALAYALAM(8, "ml"), ORIYA(9, "or"), PUNJABI(10, "pa"), TAMIL(11, "ta"), TELUGU(12, "te"),
    URDU(13, "ur");

    private final int id;
    private final String code;

    NationalLanguage(int id, String code) {
        this.id = id;
        this.code = code;
    }

    /** The national language identifier of 23.038 6.2.1.2.4. */
    public int id() {
        return id;
    }

    /** The ISO 639-1 code ({@code tr}, {@code pt}, ...). */
    public String code() {
        return code;
    }

    /** Whether 23.038 defines a locking shift table for it (every language but Spanish). */
    public boolean hasLockingShift() {
        return NationalTables.locking(id) != null;
    }

    /** The language of identifier {@code id}, or null for 0 (the default alphabet) and identifiers without tables. */
    public static NationalLanguage ofId(int id) {
        for (NationalLanguage l : values()) {
            if (l.id == id) {
                return l;
            }
        }
        return null;
    }

    /**
     * A list as a setting writes it: codes or names separated by commas or spaces ({@code tr,pt}, {@code turkish});
     * empty or null for none.
     *
     * @throws IllegalArgumentException naming what is not a language with shift tables
     */
    public static Set<NationalLanguage> parse(String list) {
        Set<NationalLanguage> out = EnumSet.noneOf(NationalLanguage.class);
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String item : list.trim().split("[,\\s]+")) {
            String name = item.toLowerCase(Locale.ROOT);
            NationalLanguage found = null;
            for (NationalLanguage l : values()) {
                if (l.code.equals(name) || l.name().toLowerCase(Locale.ROOT).equals(name)) {
                    found = l;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("'" + item + "' is no national language with 3GPP TS 23.038 shift"
                        + " tables (tr, es, pt, bn, gu, hi, kn, ml, or, pa, ta, te, ur)");
            }
            out.add(found);
        }
        return out;
    }

    /** The codes of {@code languages} as {@link #parse} reads them. */
    public static String format(Set<NationalLanguage> languages) {
        return String.join(",", languages.stream().map(NationalLanguage::code).toList());
    }
}
