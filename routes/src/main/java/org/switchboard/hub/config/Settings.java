package org.switchboard.hub.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The hub's settings: the embedded defaults, overridden by {@code config/application.properties} (or the file named by
 * SWITCHBOARD_CONFIG), overridden by environment variables ({@code switchboard.db.url} is SWITCHBOARD_DB_URL).
 */
public final class Settings {
    private final Properties values;
    private final String source;

    private Settings(Properties values, String source) {
        this.values = values;
        this.source = source;
    }

    /** Reads the defaults, the configuration file when there is one, and the environment. */
    public static Settings load(Map<String, String> env) throws IOException {
        Properties p = new Properties();
        try (Reader r = new java.io.InputStreamReader(
                Settings.class.getResourceAsStream("/switchboard-defaults.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String source = "built-in defaults";
        Path file = Path.of(env.getOrDefault("SWITCHBOARD_CONFIG", "config/application.properties"));
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            source = file.toAbsolutePath().normalize().toString();
        }
        for (String key : p.stringPropertyNames().toArray(String[]::new)) {
            String envName = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            if (env.containsKey(envName)) {
                p.setProperty(key, env.get(envName));
            }
        }
        return new Settings(p, source);
    }

    /** For tests: the defaults with some values replaced. */
    public static Settings of(Map<String, String> overrides) throws IOException {
        Settings s = load(Map.of("SWITCHBOARD_CONFIG", "/nonexistent"));
        overrides.forEach(s.values::setProperty);
        return s;
    }

    public String source() {
        return source;
    }

    public String get(String key) {
        String v = values.getProperty(key);
        return v == null ? "" : v.trim();
    }

    public boolean has(String key) {
        return !get(key).isEmpty();
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    public long getLong(String key) {
        return Long.parseLong(get(key));
    }

    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key));
    }

    public List<String> getList(String key) {
        return has(key) ? Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                : List.of();
    }

    public ZoneId zone() {
        return ZoneId.of(get("switchboard.zone"));
    }

    /** Every setting whose key starts with {@code prefix}, with its value. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (String key : values.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                out.put(key, get(key));
            }
        }
        return out;
    }

    /**
     * The modems, by name, with their {@code modem:} options: {@code switchboard.modem.NAME=device or host:port
     * options}. With the embedded simulator and no modem configured, its modems.
     */
    public Map<String, String> modems(List<Integer> simulatorPorts) {
        Map<String, String> modems = new TreeMap<>();
        String prefix = "switchboard.modem.";
        for (String key : values.stringPropertyNames()) {
            if (key.startsWith(prefix) && !get(key).isEmpty()) {
                modems.put(key.substring(prefix.length()), get(key));
            }
        }
        if (modems.isEmpty()) {
            for (int i = 0; i < simulatorPorts.size(); i++) {
                modems.put("gsm" + (i + 1), "host=127.0.0.1&port=" + simulatorPorts.get(i));
            }
        }
        return modems;
    }
}
