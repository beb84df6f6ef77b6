package org.switchboard.hub.config;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The checks a section of the settings makes of its values at start, each naming the whole key when it fails
 * (relative keys are completed with the section's prefix).
 */
public final class SettingsCheck {
    private final String prefix;

    SettingsCheck(String prefix) {
        this.prefix = prefix;
    }

    /** A TCP or UDP port; 0 (any free port) only when {@code anyAllowed}. */
    public int port(String key, int value, boolean anyAllowed) {
        if (value < (anyAllowed ? 0 : 1) || value > 65535) {
            throw problem(key, "not a port (" + (anyAllowed ? 0 : 1) + " to 65535): " + value);
        }
        return value;
    }

    public long atLeast(String key, long value, long min) {
        if (value < min) {
            throw problem(key, "must be at least " + min + ", is " + value);
        }
        return value;
    }

    public String notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw problem(key, "must not be empty");
        }
        return value;
    }

    public ZoneId zone(String key, String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw problem(key, "not a time zone (such as Asia/Jakarta): " + value);
        }
    }

    public String address(String key, String value) {
        if (value == null || !value.matches("[^@\\s]+@[^@\\s]+")) {
            throw problem(key, "not an email address: " + value);
        }
        return value;
    }

    public SettingsException problem(String key, String what) {
        return new SettingsException(prefix + key, what);
    }
}
