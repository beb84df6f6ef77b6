package org.switchboard.it;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4, for tests: every line must be a HELP, a TYPE or a
 * sample of a family declared by a TYPE line before it, with well-formed labels and a number; anything else fails.
 * (Prometheus' Java client 1.x writes the format but has no parser.)
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:\\\\[\\\\\"n]|[^\"\\\\\\n])*\"";
    private static final String NUMBER = "(?:[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|NaN|[-+]?Inf)";
    private static final Pattern HELP = Pattern.compile("^# HELP (" + NAME + ") .*$");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)$");
    private static final Pattern SAMPLE = Pattern.compile(
            "^(" + NAME + ")(\\{(?:" + LABEL + ")(?:," + LABEL + ")*,?\\})? (" + NUMBER + ")(?: -?\\d+)?$");
    private static final Pattern ONE_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:\\\\[\\\\\"n]|[^\"\\\\\\n])*)\"");

    /** One sample: its metric name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, Sample> samples = new LinkedHashMap<>();

    private PrometheusText() {
    }

    /** Parses the whole text; throws IllegalArgumentException naming the first line that is not the format. */
    static PrometheusText parse(String text) {
        PrometheusText out = new PrometheusText();
        Map<String, String> types = new HashMap<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("line " + n + ": second TYPE for " + m.group(1));
                }
            } else if (HELP.matcher(line).matches()) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                if (family(name, types) == null) {
                    throw new IllegalArgumentException("line " + n + ": sample of an undeclared family: " + line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(2) != null) {
                    Matcher l = ONE_LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                double value = switch (m.group(3)) {
                    case "NaN" -> Double.NaN;
                    case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(m.group(3));
                };
                String key = name + new java.util.TreeMap<>(labels);
                if (out.samples.put(key, new Sample(name, labels, value)) != null) {
                    throw new IllegalArgumentException("line " + n + ": duplicate sample " + line);
                }
            } else {
                throw new IllegalArgumentException("line " + n + " is not Prometheus text: " + line);
            }
        }
        return out;
    }

    /** The declared family a sample belongs to: its own name, or without a histogram's or counter's suffix. */
    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : new String[] {"_total", "_count", "_sum", "_bucket", "_max", "_created"}) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    /** The sum of the samples named {@code name} whose labels include {@code labels}; 0 when there is none. */
    double sum(String name, Map<String, String> labels) {
        return samples.values().stream().filter(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(labels.entrySet())).mapToDouble(Sample::value).sum();
    }

    /** Whether a sample named {@code name} with these labels (among others) exists. */
    boolean has(String name, Map<String, String> labels) {
        return samples.values().stream().anyMatch(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(labels.entrySet()));
    }

    int size() {
        return samples.size();
    }
}
