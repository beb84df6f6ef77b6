package org.switchboard.voicemail;

import java.util.Objects;
import java.util.Optional;

/** Who hears about a mailbox's voicemail: an email address, an E.164 number for SMS when wanted, and where that came from. */
public record MailboxOwner(String mailbox, String email, String smsNumber, String source) {

    public MailboxOwner {
        Objects.requireNonNull(mailbox, "mailbox");
        if ((email == null || email.isBlank()) && (smsNumber == null || smsNumber.isBlank())) {
            throw new IllegalArgumentException("mailbox " + mailbox + " has neither an email address nor an SMS number");
        }
        email = email == null || email.isBlank() ? null : email.trim();
        smsNumber = smsNumber == null || smsNumber.isBlank() ? null : smsNumber.trim();
    }

    public Optional<String> emailAddress() {
        return Optional.ofNullable(email);
    }

    public Optional<String> sms() {
        return Optional.ofNullable(smsNumber);
    }
}
