package org.switchboard.modem.at;

/** Small text rules shared by the channel and the parsers; none of them throws on any input. */
final class AtText {
    private AtText() {
    }

    /**
     * Strips spaces and tabs only: {@link String#trim()} would also eat control characters such as the ESC a host
     * sends to leave a prompt, whose echo must still match.
     */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** A non-negative decimal number of at most 9 digits, or the fallback. */
    static int parseIntOr(String s, int fallback) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return fallback;
        }
        int value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return fallback;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static boolean isHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    /** The result code name of a line: the text before its colon ("+CMTI"), or the whole stripped line ("RING"). */
    static String codeOf(String rawLine) {
        String line = strip(rawLine);
        int colon = line.indexOf(':');
        return colon < 0 ? line : strip(line.substring(0, colon));
    }
}
