package org.switchboard.store;

import java.util.Objects;

/**
 * An SMS to send. {@code source} says where it came from ("email-reply", "api", ...); {@code sourceRef}, when
 * not null, identifies the request (e.g. the staff email's Message-ID) so that storing it twice keeps one row.
 */
public record NewOutbound(String recipient, String text, String source, String sourceRef, String requestedBy) {

    public static final String SOURCE_EMAIL_REPLY = "email-reply";
    public static final String SOURCE_API = "api";

    public NewOutbound {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }
}
