package org.switchboard.contacts;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which contacts a message goes to: attribute/value pairs that must all match (an empty filter matches every contact).
 * Staff write it as {@code school=SMA N 1 Yogyakarta; major=IPA}; it is stored as the JSON object
 * {@code {"major":"IPA","school":"SMA N 1 Yogyakarta"}} and matched in SQL with {@code attributes @> ?::jsonb}.
 */
public record ContactFilter(@JsonValue SortedMap<String, String> criteria) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SPACES_AND_HYPHENS = Pattern.compile("[\\s-]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // The characters the typed form uses as syntax cannot be part of a name.
    private static final Pattern NOT_IN_NAME = Pattern.compile("[=;\"]");
    private static final ContactFilter ALL = new ContactFilter(new TreeMap<>());

    public ContactFilter {
        Objects.requireNonNull(criteria, "criteria");
        TreeMap<String, String> copy = new TreeMap<>();
        criteria.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "attribute"), Objects.requireNonNull(v, "value")));
        criteria = Collections.unmodifiableSortedMap(copy);
    }

    /** The filter that matches every contact. */
    static ContactFilter all() {
        return ALL;
    }

    /**
     * Reads what staff type: {@code name=value} pairs separated by {@code ;}, values optionally in double quotes
     * (needed only for a value holding a {@code ;}). A blank text is the filter matching every contact.
     *
     * @throws InvalidFilterException saying which part is wrong and how it should look
     */
    public static ContactFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        Map<String, String> criteria = new LinkedHashMap<>();
        for (String part : split(text)) {
            if (part.isBlank()) {
                continue; // "a=1;" or "a=1;;b=2": a stray separator is harmless
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new InvalidFilterException("\"" + part.trim() + "\" has no '=': write each condition as"
                        + " attribute=value, separated by ';' (e.g. school=SMA N 1 Yogyakarta; major=IPA)");
            }
            String name = attributeName(part.substring(0, eq));
            if (name.isEmpty()) {
                throw new InvalidFilterException("\"" + part.trim() + "\" has no attribute name before the '='");
            }
            String value = unquote(part.substring(eq + 1).trim(), part);
            if (value.isEmpty()) {
                throw new InvalidFilterException("\"" + part.trim() + "\" has no value after the '='");
            }
            if (criteria.containsKey(name)) {
                throw new InvalidFilterException("attribute \"" + name + "\" is given twice: a contact has one value per"
                        + " attribute, so keep one condition for it");
            }
            criteria.put(name, value);
        }
        return of(criteria);
    }

    /**
     * A filter from attribute/value pairs; names are normalised as {@link #attributeName}, values as
     * {@link #attributeValue}. Jackson reads a filter with it, from the JSON object it writes ({@link #toJson}).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ContactFilter of(Map<String, String> criteria) {
        TreeMap<String, String> normalised = new TreeMap<>();
        criteria.forEach((k, v) -> {
            String name = checkedAttributeName(k);
            if (v == null || attributeValue(v).isEmpty()) {
                throw new InvalidFilterException("attribute \"" + name + "\" has no value");
            }
            if (normalised.put(name, attributeValue(v)) != null) {
                throw new InvalidFilterException("attribute \"" + name + "\" is given twice");
            }
        });
        return new ContactFilter(normalised);
    }

    /** An attribute name as stored: trimmed, lower-cased, runs of spaces and hyphens turned into one {@code _}. */
    public static String attributeName(String raw) {
        if (raw == null) {
            return "";
        }
        return SPACES_AND_HYPHENS.matcher(raw.strip().toLowerCase(Locale.ROOT)).replaceAll("_");
    }

    /** {@link #attributeName}, refusing an empty name and one holding {@code = ; "}, which the typed form cannot express. */
    static String checkedAttributeName(String raw) {
        String name = attributeName(raw);
        if (name.isEmpty()) {
            throw new InvalidFilterException("an attribute name is empty");
        }
        if (NOT_IN_NAME.matcher(name).find()) {
            throw new InvalidFilterException("attribute name \"" + raw.strip() + "\" may not contain '=', ';' or '\"'");
        }
        return name;
    }

    /**
     * An attribute value as stored and matched: trimmed, inner runs of white space made one space, so a double space
     * typed in a spreadsheet or an email does not make a contact miss a filter. Case is kept: values match exactly.
     */
    public static String attributeValue(String raw) {
        if (raw == null) {
            return "";
        }
        return WHITESPACE.matcher(raw.strip()).replaceAll(" ");
    }

    public boolean matchesAll() {
        return criteria.isEmpty();
    }

    /** Whether a contact with these (stored, normalised) attributes matches; the SQL test is {@code attributes @> filter}. */
    boolean matches(Map<String, String> attributes) {
        return attributes.entrySet().containsAll(criteria.entrySet());
    }

    /** The JSON object stored in segment.filter and broadcast.filter, and bound for {@code attributes @> ?::jsonb}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(criteria);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /** Reads what {@link #toJson} wrote: a JSON object of string values. */
    public static ContactFilter fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidFilterException("a filter must be a JSON object of attribute names and values: "
                    + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidFilterException("a filter must be a JSON object of attribute names and values");
        }
        Map<String, String> criteria = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new InvalidFilterException("the value of \"" + e.getKey() + "\" must be a text or a number");
            }
            criteria.put(e.getKey(), e.getValue().asText());
        }
        return of(criteria);
    }

    /** In words, for previews and reports: "major = IPA and school = SMA N 1 Yogyakarta", or "all contacts". */
    public String describe() {
        if (criteria.isEmpty()) {
            return "all contacts";
        }
        StringBuilder sb = new StringBuilder();
        criteria.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " and ").append(k).append(" = ").append(v));
        return sb.toString();
    }

    /** The form {@link #parse} reads back: {@code major=IPA; school=SMA N 1 Yogyakarta}. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        criteria.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=')
                .append(v.indexOf(';') >= 0 || v.indexOf('"') >= 0 ? '"' + v.replace("\"", "\"\"") + '"' : v));
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    // Splits on ';' outside double quotes.
    private static java.util.List<String> split(String text) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == ';' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        if (quoted) {
            throw new InvalidFilterException("a double quote (\") is not closed in: " + text.strip());
        }
        parts.add(current.toString());
        return parts;
    }

    // "SMA N 1; Yogyakarta" -> SMA N 1; Yogyakarta; a doubled quote inside stands for one quote.
    private static String unquote(String value, String part) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return attributeValue(value.substring(1, value.length() - 1).replace("\"\"", "\""));
        }
        if (value.indexOf('"') >= 0) {
            throw new InvalidFilterException("\"" + part.strip() + "\": put quotes around the whole value, or none");
        }
        return attributeValue(value);
    }

}
