package org.switchboard.calls.ami;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One AMI packet: an action the hub sends, or a response or event the PBX sends. Fields keep their order and may
 * repeat (an Originate's {@code Variable} lines); names are matched regardless of case, as Asterisk does.
 */
public final class AmiMessage {
    private final List<Map.Entry<String, String>> fields;

    private AmiMessage(List<Map.Entry<String, String>> fields) {
        this.fields = List.copyOf(fields);
    }

    /** A message of {@code name, value, name, value, ...}; a null value leaves its field out. */
    public static AmiMessage of(String... nameValues) {
        Builder b = builder();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            b.add(nameValues[i], nameValues[i + 1]);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first value of the field, or null. */
    public String get(String name) {
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue();
            }
        }
        return null;
    }

    /** Every value of the field, in order. */
    public List<String> all(String name) {
        return fields.stream().filter(f -> f.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    public List<Map.Entry<String, String>> fields() {
        return fields;
    }

    /** The event's name, or null for a response or action. */
    public String event() {
        return get("Event");
    }

    /** The response's word (Success, Error, Goodbye, Follows), or null for an event or action. */
    public String response() {
        return event() == null ? get("Response") : null;
    }

    public boolean isEvent(String name) {
        return name.equalsIgnoreCase(event());
    }

    /** The packet as it goes on the wire: {@code Name: value} lines ending in CRLF, then an empty line. */
    public byte[] wire() {
        StringBuilder out = new StringBuilder();
        fields.forEach(f -> out.append(f.getKey()).append(": ").append(f.getValue()).append("\r\n"));
        return out.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> f : fields) {
            // A login's secret never reaches a log line.
            boolean secret = f.getKey().equalsIgnoreCase("Secret") || f.getKey().equalsIgnoreCase("Key");
            out.append(out.length() > 1 ? ", " : "").append(f.getKey()).append('=').append(secret ? "***" : f.getValue());
        }
        return out.append('}').toString();
    }

    /** Builds a message field by field. */
    public static final class Builder {
        private final List<Map.Entry<String, String>> fields = new ArrayList<>();

        public Builder add(String name, String value) {
            if (value != null) {
                // A line break in a value would end the field (or the packet) early: the PBX would read another action.
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || name.indexOf(':') >= 0) {
                    throw new IllegalArgumentException("AMI field " + name + " cannot hold a line break");
                }
                fields.add(Map.entry(name, value));
            }
            return this;
        }

        public AmiMessage build() {
            return new AmiMessage(fields);
        }
    }
}
