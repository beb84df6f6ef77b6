package org.switchboard.modem.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Splits one command line into its commands: {@code ATE0V1} into E0 and V1, {@code AT+CMGF=0;+CNMI=2,1,0,2,0} into
 * +CMGF=0 and +CNMI=2,1,0,2,0. Names are upper-cased; quoted arguments keep their case.
 */
final class AtCommandLine {
    private AtCommandLine() {
    }

    /** The commands of {@code line}, or empty when it is not an AT command line at all. */
    static Optional<List<String>> split(String line) {
        String s = upperOutsideQuotes(line.strip());
        if (!s.startsWith("AT")) {
            return Optional.empty();
        }
        List<String> commands = new ArrayList<>();
        int i = 2;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ';' || c == ' ') {
                i++;
            } else if (c == '+' || c == '^' || c == '$' || c == '%') {
                int end = endOfExtended(s, i);
                commands.add(s.substring(i, end).strip());
                i = end;
            } else if (c == '&' || Character.isLetter(c)) {
                int end = i + (c == '&' ? 2 : 1);
                if (end > s.length()) {
                    return Optional.empty();
                }
                while (end < s.length() && Character.isDigit(s.charAt(end))) {
                    end++;
                }
                commands.add(s.substring(i, end));
                i = end;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(commands);
    }

    private static int endOfExtended(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return s.length();
    }

    private static String upperOutsideQuotes(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            b.append(quoted ? c : Character.toUpperCase(c));
        }
        return b.toString();
    }

    /** Removes surrounding double quotes. */
    static String unquote(String arg) {
        String a = arg.strip();
        if (a.length() >= 2 && a.startsWith("\"") && a.endsWith("\"")) {
            return a.substring(1, a.length() - 1);
        }
        return a;
    }

    /** Splits an argument list on commas outside quotes. */
    static List<String> arguments(String args) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(args.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(args.substring(start).strip());
        return out;
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /** Whether {@code s} is an even number of hex digits. */
    static boolean isHex(String s) {
        if (s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A whole number from min to max, else {@code otherwise}. */
    static int intArg(String arg, int min, int max, AtFailure otherwise) throws AtFailure {
        try {
            int v = Integer.parseInt(arg.strip());
            if (v < min || v > max) {
                throw otherwise;
            }
            return v;
        } catch (NumberFormatException e) {
            throw otherwise;
        }
    }
}
