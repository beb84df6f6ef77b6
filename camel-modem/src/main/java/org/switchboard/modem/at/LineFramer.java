package org.switchboard.modem.at;

/**
 * Cuts the modem's byte stream into lines at CR and/or LF, with a cap on line length.
 *
 * <p>Bytes map one to one onto chars (ISO-8859-1): modem output is ASCII or hex, and a stray high byte must never
 * make decoding fail. A line that outgrows the cap is dropped whole, up to its terminator, so a modem that streams
 * garbage without line ends cannot grow memory.
 */
final class LineFramer {
    static final int MAX_LINE_LENGTH = 4096;

    private final StringBuilder partial = new StringBuilder(128);
    private boolean overlong;
    private boolean swallowSpace;
    private long droppedLines;

    /** Takes one byte; returns a finished non-empty line, or null. */
    String accept(byte b) {
        char c = (char) (b & 0xFF);
        if (c == '\r' || c == '\n') {
            swallowSpace = false;
            if (overlong) {
                overlong = false;
                droppedLines++;
                return null;
            }
            if (partial.length() == 0) {
                return null;
            }
            String line = partial.toString();
            partial.setLength(0);
            return isBlank(line) ? null : line;
        }
        if (c == 0) {
            // NULs are line noise (power-up, autobauding) and never part of an answer.
            return null;
        }
        if (swallowSpace) {
            swallowSpace = false;
            if (c == ' ') {
                return null;
            }
        }
        if (overlong) {
            return null;
        }
        if (partial.length() >= MAX_LINE_LENGTH) {
            overlong = true;
            partial.setLength(0);
            partial.trimToSize();
            return null;
        }
        partial.append(c);
        return null;
    }

    /** Whether the unterminated text so far is the SMS prompt ("> " comes without a line end). */
    boolean partialIsPrompt() {
        return partial.length() == 1 && partial.charAt(0) == '>';
    }

    /** Consumes the prompt; the space that usually follows it is not the start of a line. */
    void consumePrompt() {
        partial.setLength(0);
        swallowSpace = true;
    }

    int partialLength() {
        return partial.length();
    }

    long droppedLines() {
        return droppedLines;
    }

    void reset() {
        partial.setLength(0);
        partial.trimToSize();
        overlong = false;
        swallowSpace = false;
    }

    static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }
}
