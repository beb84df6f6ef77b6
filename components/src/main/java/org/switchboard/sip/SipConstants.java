package org.switchboard.sip;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code sip:} component: one exchange per NOTIFY, accepted or rejected. */
public final class SipConstants {

    @Metadata(description = "Address and port the NOTIFY came from, e.g. 127.0.0.1:5062", javaType = "String")
    public static final String SOURCE_ADDRESS = "SipSourceAddress";
    @Metadata(description = "Transport the NOTIFY came over: UDP or TCP", javaType = "String")
    public static final String TRANSPORT = "SipTransport";
    @Metadata(description = "Mailbox the NOTIFY is about: in a subscription the hub made, the mailbox it subscribed to; else the user part of the To header, else of the Request-URI, else of Message-Account",
              javaType = "String")
    public static final String MAILBOX = "SipMailbox";
    @Metadata(description = "Call-ID of the NOTIFY", javaType = "String")
    public static final String CALL_ID = "SipCallId";
    @Metadata(description = "From header of the NOTIFY (the PBX)", javaType = "String")
    public static final String FROM = "SipFrom";
    @Metadata(description = "Subscription-State header (active, terminated, ...) with its parameters; null when absent, as chan_sip sends it",
              javaType = "String")
    public static final String SUBSCRIPTION_STATE = "SipSubscriptionState";
    @Metadata(description = "True when the NOTIFY belongs to a subscription this endpoint made", javaType = "Boolean")
    public static final String IN_DIALOG = "SipInDialog";
    @Metadata(description = "accepted or rejected", javaType = "String")
    public static final String OUTCOME = "SipOutcome";
    @Metadata(description = "Status code of a rejection (400, 403, 489); absent when accepted", javaType = "Integer")
    public static final String STATUS_CODE = "SipStatusCode";
    @Metadata(description = "Why the NOTIFY was rejected, as sent in the reason phrase", javaType = "String")
    public static final String REASON = "SipReason";
    @Metadata(description = "Value of the Event header", javaType = "String")
    public static final String EVENT = "SipEvent";
    @Metadata(description = "The raw body of the NOTIFY, for the journal of a rejected one", javaType = "String")
    public static final String RAW_BODY = "SipRawBody";

    /** Values of {@link #OUTCOME}. */
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    /** The RFC 3842 event package and its body type. */
    public static final String EVENT_PACKAGE = "message-summary";
    public static final String CONTENT_TYPE = "application";
    public static final String CONTENT_SUBTYPE = "simple-message-summary";

    private SipConstants() {
    }
}
