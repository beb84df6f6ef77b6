package org.switchboard.voicemail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.mail.HeaderText;

/** A caller as the PBX writes it ({@code "John" <1234>}), split into name and number; either may be empty. */
public record CallerId(String name, String number) {

    public static final CallerId UNKNOWN = new CallerId("", "");

    private static final Pattern NAME_AND_NUMBER = Pattern.compile("^\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^<]*?))\\s*<([^>]*)>\\s*$");
    private static final int MAX = 80;

    public CallerId {
        // Everything here came from the PBX, i.e. from whoever called: one clean line, whatever they put in it.
        name = HeaderText.oneLine(name, MAX);
        number = HeaderText.oneLine(number, MAX);
    }

    /** Parses {@code "Name" <1234>}, {@code Name <1234>}, {@code <1234>} or a bare {@code 1234}; "Unknown" and blanks give {@link #UNKNOWN}. */
    public static CallerId parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("unknown")) {
            return UNKNOWN;
        }
        Matcher m = NAME_AND_NUMBER.matcher(text);
        if (m.matches()) {
            String name = m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2);
            return new CallerId(name, m.group(3).trim());
        }
        String t = text.trim();
        return t.matches("[+0-9*#]+") ? new CallerId("", t) : new CallerId(t, "");
    }

    public boolean isUnknown() {
        return name.isEmpty() && number.isEmpty();
    }

    /** "John <1234>", "John", "1234" or "an unknown caller": for texts and subjects. */
    public String display() {
        if (name.isEmpty() && number.isEmpty()) {
            return "an unknown caller";
        }
        if (name.isEmpty() || name.equals(number)) {
            return number;
        }
        return number.isEmpty() ? name : name + " <" + number + ">";
    }
}
