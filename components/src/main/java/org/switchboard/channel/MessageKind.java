package org.switchboard.channel;

import java.util.Locale;

/** What an outbound message is, for routing: text, or binary data (ringtones, WAP push, application data). */
public enum MessageKind {
    TEXT, BINARY;

    /** As the database and configuration write it: {@code text}, {@code binary}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageKind of(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
