package org.switchboard.broadcast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The staff's broadcast text with placeholders: {@code {name}}, {@code {first_name}} (the first word of the name)
 * and {@code {attribute}} for any contact attribute; {@code {{} and {@code }}} stand for literal braces.
 * <p>
 * A placeholder name is compared after trimming, lower-casing and turning spaces into {@code _}, so
 * {@code {Graduation Year}} is the attribute {@code graduation_year}. A lone or unbalanced brace is refused with a
 * {@link TemplateException} rather than sent literally: a mistyped placeholder would otherwise reach every
 * recipient as "{nmae".
 */
public final class Template {

    public static final String NAME = "name";
    public static final String FIRST_NAME = "first_name";

    private final String source;
    // Literal text and placeholder names, alternating: even indexes are literals (possibly empty).
    private final List<String> pieces;
    private final Set<String> placeholders;

    private Template(String source, List<String> pieces) {
        this.source = source;
        this.pieces = List.copyOf(pieces);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < pieces.size(); i += 2) {
            names.add(pieces.get(i));
        }
        this.placeholders = Collections.unmodifiableSet(names);
    }

    /** Reads a template. @throws TemplateException on a lone brace or an empty placeholder, naming the position. */
    public static Template parse(String text) {
        Objects.requireNonNull(text, "text");
        List<String> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (ch == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (ch == '}') {
                throw new TemplateException("the template has a '}' without a '{' before it at character " + (i + 1)
                        + "; write }} for a literal brace");
            } else if (ch == '{') {
                int end = text.indexOf('}', i + 1);
                int nextOpen = text.indexOf('{', i + 1);
                if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
                    throw new TemplateException("the template has a '{' without its '}' at character " + (i + 1)
                            + "; write {{ for a literal brace");
                }
                String name = normalise(text.substring(i + 1, end));
                if (name.isEmpty()) {
                    throw new TemplateException("the template has an empty placeholder {} at character " + (i + 1));
                }
                pieces.add(literal.toString());
                pieces.add(name);
                literal.setLength(0);
                i = end + 1;
            } else {
                literal.append(ch);
                i++;
            }
        }
        pieces.add(literal.toString());
        return new Template(text, pieces);
    }

    /** A placeholder or attribute name as compared: trimmed, lower case, runs of spaces as one {@code _}. */
    public static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
    }

    /** The text as the staff wrote it. */
    public String source() {
        return source;
    }

    /** The placeholder names, normalised, in order of first use. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /**
     * The text for one recipient, or every placeholder it lacks: never a half-filled text. {@code name} and
     * {@code first_name} come from the contact's name; other placeholders from its attributes (their names
     * compared normalised). A missing, empty or blank value counts as missing; values are trimmed.
     */
    public Rendered render(String name, Map<String, String> attributes) {
        Map<String, String> attrs = attributes == null ? Map.of() : attributes;
        StringBuilder out = new StringBuilder(source.length() + 32);
        Set<String> missing = null;
        for (int i = 0; i < pieces.size(); i++) {
            String piece = pieces.get(i);
            if (i % 2 == 0) {
                out.append(piece);
                continue;
            }
            String value = value(piece, name, attrs);
            if (value == null) {
                if (missing == null) {
                    missing = new LinkedHashSet<>();
                }
                missing.add(piece);
            } else {
                out.append(value);
            }
        }
        return missing != null ? new Rendered.Missing(Collections.unmodifiableSet(missing))
                : new Rendered.Text(out.toString());
    }

    private static String value(String placeholder, String name, Map<String, String> attributes) {
        if (placeholder.equals(NAME)) {
            return present(name);
        }
        if (placeholder.equals(FIRST_NAME)) {
            String full = present(name);
            return full == null ? null : full.split("\\s+", 2)[0];
        }
        String value = attributes.get(placeholder);
        if (value == null) {
            // Attribute names are stored normalised; this only serves a contact imported with "Graduation Year".
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                if (normalise(e.getKey()).equals(placeholder)) {
                    value = e.getValue();
                    break;
                }
            }
        }
        return present(value);
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return source;
    }

    /** What {@link #render} gives: the text, or the placeholders the recipient lacks. */
    public sealed interface Rendered {

        /** Every placeholder filled. */
        record Text(String text) implements Rendered {
        }

        /** The placeholders without a value for this recipient, in template order. */
        record Missing(Set<String> placeholders) implements Rendered {
        }
    }
}
