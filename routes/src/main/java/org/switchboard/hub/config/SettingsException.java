package org.switchboard.hub.config;

/** A setting the hub cannot start with: the key, and what is wrong with its value. */
public final class SettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public SettingsException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
