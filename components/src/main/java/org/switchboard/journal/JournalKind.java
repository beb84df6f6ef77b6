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
    VOICEMAIL_EMAIL("voicemail_email"),
    /** An application's bind to the hub's SMPP server (smpp_bind.id): bound, refused, unbound, throttled. */
    SMPP_BIND("smpp_bind"),
    /** A submit_sm (smpp_submit.id, its message_id), while it is a part of a long message not yet whole. */
    SMPP_SUBMIT("smpp_submit"),
    /** A click-to-call (call.id): asked for, then each state it reached. */
    CALL("call"),
    /** A call-back link refused as not the hub's own (message id 0: a forged link names no SMS one may trust). */
    CALLBACK_LINK("callback_link");

    private final String value;

    JournalKind(String value) {
        this.value = value;
    }

    /** The text stored in journal.message_kind and carried by {@link Journal#MESSAGE_KIND}. */
    public String value() {
        return value;
    }
}
