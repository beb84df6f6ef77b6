package org.switchboard.hub.config;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's settings as flat {@code switchboard.*} keys: the defaults ({@code switchboard-defaults.properties}, which
 * lists every key), overridden by {@code config/application.properties} (or the file SWITCHBOARD_CONFIG names),
 * overridden by the environment. Every key can come from the environment: {@code switchboard.db.url} is
 * SWITCHBOARD_DB_URL, and the keys that name something ({@code switchboard.modem.NAME},
 * {@code switchboard.channel.NAME.PROPERTY}, {@code switchboard.voicemail.mailbox.MAILBOX}) too, e.g.
 * SWITCHBOARD_MODEM_GSM1 or SWITCHBOARD_CHANNEL_TELKOMSEL_ALLOWED_PREFIX (the name in lower case). A renamed key's old
 * name still works, with a warning. The typed settings of each area are bound from these by {@link SettingsBinder}.
 */
public final class Settings {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    private static final String PREFIX = "switchboard.";
    /** Environment variables of the hub that are no setting. */
    private static final List<String> NOT_SETTINGS = List.of("SWITCHBOARD_CONFIG", "SWITCHBOARD_ADMIN_PASSWORD",
            "SWITCHBOARD_REQUIRE_TOOLS");
    /** Keys that were renamed: the old name, the new one. */
    private static final Map<String, String> RENAMED = Map.of(
            "switchboard.dispatch.modem-pause-millis", "switchboard.dispatch.line-pause-millis",
            "switchboard.dispatch.modem-pause-max-millis", "switchboard.dispatch.line-pause-max-millis");
    /** Keys ending in a name the configuration gives: their prefix, and the properties that may follow the name. */
    private static final Map<String, List<String>> NAMED = Map.of(
            "switchboard.modem.", List.of(),
            "switchboard.voicemail.mailbox.", List.of(),
            "switchboard.channel.", List.of("kind", "modems", "allowed-prefix", "denied-prefix", "preferred-prefix",
                    "accounts", "sources", "lanes", "kinds",
                    // an smpp channel's (ChannelsConfig.Channel); the longer of two that end alike first
                    "host", "port", "system-id", "password", "system-type", "address-range", "transceiver", "binds",
                    "window", "throughput", "source-addr", "long-form", "latin1", "submit-id-base",
                    "receipt-id-base", "enquire-link-millis", "response-timeout-millis", "reconnect-min-millis",
                    "reconnect-max-millis"));

    private final Map<String, String> values;
    private final String source;
    private final List<String> warnings;

    private Settings(Map<String, String> values, String source, List<String> warnings) {
        this.values = Collections.unmodifiableMap(values);
        this.source = source;
        this.warnings = List.copyOf(warnings);
    }

    /** Reads the defaults, the configuration file when there is one, and the environment. */
    public static Settings load(Map<String, String> env) throws IOException {
        Map<String, String> values = new TreeMap<>(defaults());
        List<String> warnings = new ArrayList<>();
        String source = "built-in defaults";
        Path file = Path.of(env.getOrDefault("SWITCHBOARD_CONFIG", "config/application.properties"));
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
            source = file.toAbsolutePath().normalize().toString();
        }
        env.forEach((name, value) -> {
            if (!name.startsWith("SWITCHBOARD_") || NOT_SETTINGS.contains(name)) {
                return;
            }
            String key = keyOf(name, values);
            if (key == null) {
                warnings.add("environment variable " + name + " names no setting; it is ignored");
            } else {
                values.put(key, value);
            }
        });
        return new Settings(renamed(values, warnings), source, warnings);
    }

    /** For tests: the defaults with some values replaced. */
    public static Settings of(Map<String, String> overrides) throws IOException {
        Settings defaults = load(Map.of("SWITCHBOARD_CONFIG", "/nonexistent"));
        Map<String, String> values = new TreeMap<>(defaults.values);
        values.putAll(overrides);
        List<String> warnings = new ArrayList<>();
        return new Settings(renamed(values, warnings), defaults.source, warnings);
    }

    /** The key an environment variable stands for, or null when it names none. */
    static String keyOf(String variable, Map<String, String> known) {
        for (String key : known.keySet()) {
            if (variableOf(key).equals(variable)) {
                return key;
            }
        }
        for (String old : RENAMED.keySet()) {
            if (variableOf(old).equals(variable)) {
                return old;
            }
        }
        for (Map.Entry<String, List<String>> named : NAMED.entrySet()) {
            String prefix = variableOf(named.getKey());
            if (!variable.startsWith(prefix) || variable.length() == prefix.length()) {
                continue;
            }
            String rest = variable.substring(prefix.length());
            if (named.getValue().isEmpty()) {
                return named.getKey() + rest.toLowerCase(Locale.ROOT);
            }
            for (String property : named.getValue()) {
                String suffix = "_" + variableOf(property);
                if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                    return named.getKey() + rest.substring(0, rest.length() - suffix.length()).toLowerCase(Locale.ROOT)
                            + "." + property;
                }
            }
        }
        return null;
    }

    /** {@code switchboard.db.embedded-dir} as an environment variable: SWITCHBOARD_DB_EMBEDDED_DIR. */
    static String variableOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> renamed(Map<String, String> values, List<String> warnings) {
        Map<String, String> defaults = defaults();
        RENAMED.forEach((old, now) -> {
            String value = values.remove(old);
            if (value == null) {
                return;
            }
            warnings.add(old + " is now called " + now + "; the old name still works, but rename it");
            // The new name wins when both are given; given only by the defaults, it does not.
            if (!values.containsKey(now) || values.get(now).equals(defaults.get(now))) {
                values.put(now, value);
            }
        });
        return values;
    }

    private static Map<String, String> defaults() {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(Settings.class.getResourceAsStream("/switchboard-defaults.properties"),
                StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("switchboard-defaults.properties is missing from the class path", e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** Where the settings came from, for the banner. */
    public String source() {
        return source;
    }

    /** What loading found wrong but could live with (an old key name, an environment variable naming nothing). */
    public List<String> warnings() {
        return warnings;
    }

    /** Logs the warnings once. */
    public void logWarnings() {
        warnings.forEach(w -> LOG.warn("Settings: {}", w));
    }

    /** Every {@code switchboard.*} key with its value, trimmed. */
    public Map<String, String> all() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                out.put(k, v == null ? "" : v.trim());
            }
        });
        return out;
    }

    /** One key's value, trimmed; empty when it has none. */
    public String get(String key) {
        String v = values.get(key);
        return v == null ? "" : v.trim();
    }
}
