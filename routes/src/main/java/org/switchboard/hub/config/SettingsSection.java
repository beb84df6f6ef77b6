package org.switchboard.hub.config;

/**
 * A typed section of the settings, bound by {@link SettingsBinder} from the keys under its prefix: JavaBean setters
 * named after the keys ({@code max-backoff-millis} is {@code setMaxBackoffMillis}), nested sections behind getters.
 */
public interface SettingsSection {

    /** The prefix of its keys: {@code switchboard.smtp.}, or {@code switchboard.} for a section spanning several. */
    String prefix();

    /** Checks the bound values; throws a {@link SettingsException} naming the first bad key. */
    void check(SettingsCheck check);
}
