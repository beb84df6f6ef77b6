package org.switchboard.mail;

/** Turns untrusted text into one safe line before it goes anywhere near a mail header. */
public final class HeaderText {

    private HeaderText() {
    }

    /**
     * Replaces every control character and Unicode line or paragraph separator with a space, drops invisible
     * format characters (but keeps the joiners that emoji and Persian need), collapses whitespace and cuts the result to {@code maxCodePoints}: jakarta.mail passes an ASCII CR/LF through
     * into a header unchanged, which would let an SMS add headers of its own.
     */
    public static String oneLine(String text, int maxCodePoints) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxCodePoints * 2));
        boolean space = false;
        int count = 0;
        for (int i = 0; i < text.length() && count < maxCodePoints; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.FORMAT && cp != 0x200C && cp != 0x200D) {
                continue; // bidi overrides and invisible marks only serve to disguise a name
            }
            if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                count++;
                space = false;
            }
            out.appendCodePoint(cp);
            count++;
        }
        return out.toString();
    }
}
