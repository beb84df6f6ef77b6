package org.switchboard.mo;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule of the MO routing: what it matches (a short code, keywords with their aliases, a pattern; each null or empty
 * for any) and where it hands a match: an HTTP URL (GET or POST, placeholders filled in; the answer's body the reply
 * SMS when {@code reply}), or an SMPP account's receiver bind ({@code systemId}).
 */
public record MoRule(String name, String shortCode, List<String> keywords, String pattern, Target target, String url,
        String method, boolean reply, String systemId, int priority, String createdBy, OffsetDateTime createdAt) {

    /** Where a rule hands what it matches. */
    public enum Target {
        HTTP, SMPP;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Target parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("no target " + text + " (http or smpp)", e);
            }
        }
    }

    public MoRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        keywords = keywords == null ? List.of() : keywords.stream().map(k -> k.strip().toUpperCase(Locale.ROOT))
                .filter(k -> !k.isEmpty()).toList();
        shortCode = shortCode == null || shortCode.isBlank() ? null : shortCode.strip();
        pattern = pattern == null || pattern.isBlank() ? null : pattern;
        method = method == null || method.isBlank() ? "GET" : method.strip().toUpperCase(Locale.ROOT);
    }

    /** How much it says: a short code and a keyword or pattern most; a rule that matches anything least. */
    int specificity() {
        return (shortCode != null ? 2 : 0) + (!keywords.isEmpty() || pattern != null ? 1 : 0);
    }

    /** The pattern compiled, case-insensitive, or null. */
    Pattern compiled() {
        return pattern == null ? null : Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** @throws IllegalArgumentException what makes the rule unusable */
    void check() {
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("bad rule name '" + name + "': a-z, 0-9, '.', '_', '-'");
        }
        if (pattern != null) {
            try {
                compiled();
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern is no regular expression: " + e.getDescription(), e);
            }
        }
        if (target == Target.HTTP) {
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new IllegalArgumentException("an http rule needs a url beginning http:// or https://");
            }
            if (!method.equals("GET") && !method.equals("POST")) {
                throw new IllegalArgumentException("method is GET or POST, not " + method);
            }
        } else if (systemId == null || systemId.isBlank()) {
            throw new IllegalArgumentException("an smpp rule needs the system_id of the account it delivers to");
        }
        for (String k : keywords) {
            if (k.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a keyword is one word: '" + k + "'");
            }
        }
    }
}
