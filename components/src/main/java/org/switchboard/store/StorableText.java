package org.switchboard.store;

import java.util.Optional;

/**
 * Text as it may enter the hub. PostgreSQL refuses a NUL (U+0000) in any text value, and a lone UTF-16 surrogate
 * cannot be written as UTF-8 at all: either would fail the statement every time, so text from outside is checked or
 * cleaned where it arrives (an email, an HTTP request, an SMPP PDU), never left to fail in the database.
 */
public final class StorableText {
    private static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /** Whether PostgreSQL stores {@code text} as it is: no NUL and no lone surrogate. Null is storable. */
    static boolean storable(String text) {
        return text == null || firstUnstorable(text) < 0;
    }

    /**
     * {@code text} with what PostgreSQL refuses replaced by U+FFFD, so that a record of it (a journal hop, an error)
     * still shows something was there. Null stays null.
     */
    public static String replaceUnstorable(String text) {
        int first = text == null ? -1 : firstUnstorable(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                out.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    /**
     * The text of a message as an SMS carries it: control characters other than TAB, LF, CR and FF (which no phone
     * shows, and NUL among them) removed, lone surrogates replaced by U+FFFD. Null stays null.
     */
    public static String forMessage(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean drop = isUnwantedControl(c);
            boolean replace = !pair && Character.isSurrogate(c);
            if ((drop || replace) && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (pair) {
                    out.append(c).append(text.charAt(i + 1));
                } else if (replace) {
                    out.append(REPLACEMENT);
                } else if (!drop) {
                    out.append(c);
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Why {@code text} cannot be taken as a message's text or a field, in words for a 400 or a bounce: the first NUL,
     * other control character (but TAB, LF, CR, FF) or lone surrogate, and where it is; empty when there is none.
     */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(String.format("a lone surrogate (U+%04X) at character %d", (int) c, i + 1));
            } else if (isUnwantedControl(c)) {
                return Optional.of(String.format("%s (U+%04X) at character %d",
                        c == 0 ? "a NUL byte" : "a control character", (int) c, i + 1));
            }
        }
        return Optional.empty();
    }

    private static boolean isUnwantedControl(char c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f';
    }

    private static int firstUnstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
