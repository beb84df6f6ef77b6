package org.switchboard.numbers;

/** A text that cannot be read as a valid phone number; the message says which text and why, in one line. */
public class InvalidNumberException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String input;
    private final String reason;

    public InvalidNumberException(String input, String reason) {
        super("not a valid phone number: \"" + oneLine(input) + "\" (" + reason + ")");
        this.input = input;
        this.reason = reason;
    }

    String input() {
        return input;
    }

    /** Why, in a few words ("too short", "not a number"), for a report that shows the input beside it. */
    public String reason() {
        return reason;
    }

    // The input may come from an SMS or an email header: keep the message on one line for logs and bounces.
    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() > 40 ? flat.substring(0, 40) + "..." : flat;
    }
}
