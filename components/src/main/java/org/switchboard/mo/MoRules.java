package org.switchboard.mo;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which rule takes an inbound SMS: the first, by priority (lower first) then specificity (a short code with a keyword
 * or pattern before either alone, before a rule for anything) then name, whose short code is the number the SMS was
 * sent to, one of whose keywords (or aliases) is the SMS's first word (case aside), and whose pattern is found in the
 * text. None: the help desk has it.
 */
public final class MoRules {
    private static final Comparator<MoRule> ORDER = Comparator.comparingInt(MoRule::priority)
            .thenComparing(Comparator.comparingInt(MoRule::specificity).reversed()).thenComparing(MoRule::name);

    private MoRules() {
    }

    public static Optional<MoMatch> match(List<MoRule> rules, String destination, String text) {
        String first = firstWord(text);
        return rules.stream().sorted(ORDER).filter(r -> matches(r, destination, text, first)).findFirst()
                .map(r -> new MoMatch(r, first));
    }

    private static boolean matches(MoRule r, String destination, String text, String first) {
        if (r.shortCode() != null && !r.shortCode().equals(destination == null ? null : destination.strip())) {
            return false;
        }
        if (!r.keywords().isEmpty() && (first == null || !r.keywords().contains(first.toUpperCase(Locale.ROOT)))) {
            return false;
        }
        return r.pattern() == null || r.compiled().matcher(text).find();
    }

    /** The first word, as written; null for a text of blanks. */
    public static String firstWord(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
            end++;
        }
        return t.substring(0, end);
    }
}
