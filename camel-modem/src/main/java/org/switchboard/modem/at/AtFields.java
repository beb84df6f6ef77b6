package org.switchboard.modem.at;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the arguments of an information line at commas outside quotes and parentheses.
 *
 * <p>Unbalanced quotes or parentheses (seen on real modems: {@code +CREG: 2,1,"5E25}) end the field at the end of
 * the line instead of failing.
 */
final class AtFields {
    private AtFields() {
    }

    /** The fields as written, each stripped of surrounding spaces but not of its quotes; empty for blank text. */
    static List<String> split(String arguments) {
        List<String> fields = new ArrayList<>();
        if (LineFramer.isBlank(arguments)) {
            return fields;
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                fields.add(AtText.strip(field.toString()));
                field.setLength(0);
                continue;
            }
            field.append(c);
        }
        fields.add(AtText.strip(field.toString()));
        return fields;
    }

    /** The arguments of "+CODE: a,b,c", or null when the line has no colon. */
    static String argumentsOf(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? null : line.substring(colon + 1);
    }

    /** A field without its surrounding quotes (a lone leading quote, as modems sometimes send, is dropped too). */
    static String unquote(String field) {
        String s = AtText.strip(field);
        if (s.startsWith("\"")) {
            s = s.substring(1);
        }
        if (s.endsWith("\"")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
