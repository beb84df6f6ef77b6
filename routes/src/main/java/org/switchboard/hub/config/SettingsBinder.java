package org.switchboard.hub.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;

/**
 * Binds the flat {@code switchboard.*} settings onto each area's typed section with Camel's property binding (the one
 * camel-main uses for {@code camel.*}), checks every section, and refuses a key no section took: a typo such as
 * {@code switchboard.smtp.prot} stops the start with its name instead of being ignored.
 */
public final class SettingsBinder {
    /** Keys whose last part is a name the configuration gives, bound as map entries ({@code modem[gsm1]}). */
    private static final List<String> MAPS = List.of("modem.", "channel.", "voicemail.mailbox.");

    private final Map<String, String> settings;
    private final Set<String> bound = new LinkedHashSet<>();
    private final CamelContext conversions = new DefaultCamelContext();

    public SettingsBinder(Settings settings) {
        this.settings = settings.all();
    }

    /** Binds and checks {@code section}; returns it. */
    public <T extends SettingsSection> T bind(T section) {
        String prefix = section.prefix();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(prefix)) {
                continue;
            }
            String property = property(key.substring(prefix.length()), prefix);
            if (!has(section, property)) {
                continue; // another section's key
            }
            Map<String, Object> one = new HashMap<>();
            one.put(property, e.getValue());
            try {
                PropertyBindingSupport.build().withCamelContext(conversions).withTarget(section).withProperties(one)
                        .withIgnoreCase(true).withRemoveParameters(true).bind();
            } catch (PropertyBindingException | IllegalArgumentException failure) {
                if (e.getValue().isEmpty()) {
                    bound.add(key); // a blank number or flag: not given, the section's default stays
                    continue;
                }
                throw new SettingsException(key, "cannot take " + e.getValue() + " (" + rootCause(failure) + ")");
            }
            if (one.isEmpty()) {
                bound.add(key);
            }
        }
        section.check(new SettingsCheck(prefix));
        return section;
    }

    /** Refuses the keys no section bound, naming each (and the known key it is probably a typo of). */
    public void refuseUnknown() {
        List<String> unknown = new ArrayList<>();
        for (String key : settings.keySet()) {
            if (!bound.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            String key = unknown.get(0);
            String near = nearest(key);
            throw new SettingsException(key, "no such setting" + (near != null ? "; did you mean " + near + "?" : "")
                    + (unknown.size() > 1 ? " (also unknown: " + String.join(", ", unknown.subList(1, unknown.size()))
                            + ")" : ""));
        }
    }

    /** {@code modem.gsm1} as {@code modem[gsm1]}, {@code channel.alpha.kind} as {@code channel[alpha].kind}. */
    static String property(String relative, String prefix) {
        String full = prefix + relative;
        for (String map : MAPS) {
            String at = "switchboard." + map;
            if (full.startsWith(at) && full.length() > at.length()) {
                String rest = full.substring(at.length());
                int dot = map.equals("channel.") ? rest.indexOf('.') : -1;
                String name = dot < 0 ? rest : rest.substring(0, dot);
                String converted = at.substring(0, at.length() - 1) + "[" + name + "]" + (dot < 0 ? "" : rest.substring(dot));
                return converted.substring(prefix.length());
            }
        }
        return relative;
    }

    /** Whether {@code section} has the property a key's first part names ({@code smtp} of {@code smtp.port}). */
    static boolean has(Object section, String property) {
        int end = property.length();
        for (char c : new char[] {'.', '['}) {
            int at = property.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String name = property.substring(0, end).replace("-", "");
        for (java.lang.reflect.Method m : section.getClass().getMethods()) {
            String n = m.getName();
            String bare = n.startsWith("get") || n.startsWith("set") ? n.substring(3) : n.startsWith("is") ? n.substring(2)
                    : null;
            if (bare != null && bare.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private String nearest(String key) {
        String best = null;
        int bestDistance = 4;
        for (String known : new TreeSet<>(bound)) {
            int d = distance(key, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage();
    }
}
