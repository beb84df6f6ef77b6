package org.switchboard.journal;

/** What a journalled message is, i.e. what its message id refers to; {@link #value()} is stored in journal.message_kind. */
public enum JournalKind {
    INBOUND_SMS("inbound_sms"),
    OUTBOUND_SMS("outbound_sms"),
    EMAIL("email"),
    BROADCAST("broadcast"),
    CONTACT("contact"),
    VOICEMAIL_NOTIFY("voicemail_notify"),
    VOICEMAIL_NOTIFICATION("voicemail_notification"),
    VOICEMAIL_EMAIL("voicemail_email");

    private final String value;

    JournalKind(String value) {
        this.value = value;
    }

    /** The text stored in journal.message_kind and carried by {@link Journal#MESSAGE_KIND}. */
    public String value() {
        return value;
    }
}
