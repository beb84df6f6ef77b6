package org.switchboard.kannel;

import java.util.Objects;

/**
 * One recipient of an accepted sendsms request, to be queued: the SMS (E.164 recipient, text) and what the request
 * asked for it. Minutes are Kannel's, {@link SendsmsRequest#UNDEFINED} when not given.
 */
public record NewSendsms(String recipient, String text, String username, String sender, int coding, String charset,
        byte[] udh, int dlrMask, String dlrUrl, int validityMinutes, int deferredMinutes) {

    public NewSendsms {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(username, "username");
    }
}
