package org.switchboard.broadcast;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Attribute maps to and from the flat JSON objects of contact.attributes, segment.filter and broadcast.filter. */
final class Filters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private Filters() {
    }

    static String toJson(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /** The object's members as strings (a number or boolean as written); nested values as their JSON. */
    static Map<String, String> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> raw = JSON.readValue(json, OBJECT);
            Map<String, String> out = new LinkedHashMap<>(raw.size() * 2);
            for (Map.Entry<String, Object> e : raw.entrySet()) {
                Object v = e.getValue();
                out.put(e.getKey(), v == null ? null
                        : v instanceof String s ? s
                        : v instanceof Number || v instanceof Boolean ? v.toString()
                        : JSON.writeValueAsString(v));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** The filter in words for the staff: {@code school = SMA N 1, major = IPA}, or "all contacts". */
    static String inWords(Map<String, String> filter) {
        if (filter.isEmpty()) {
            return "all contacts";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(filter).entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey()).append(" = ").append(e.getValue());
        }
        return b.toString();
    }
}
