package org.switchboard.kannel;

/**
 * What smsbox answers a sendsms request: an HTTP status and a line of plain text, worded as Kannel words it (the
 * strings come from gw/smsbox.c, Kannel 1.4.5, the version Debian ships; applications such as playSMS compare them).
 */
public record KannelAnswer(int status, String text) {

    /**
     * smsbox's answer once bearerbox acknowledged the SMS (delayed_http_reply, ack_success), also when some receivers
     * were denied: Kannel's default mode drops them silently, and clients (playSMS) compare this line exactly.
     */
    public static final KannelAnswer ACCEPTED = new KannelAnswer(202, "0: Accepted for delivery");
    /** smsbox_req_sendsms and smsbox_sendsms_post, when authorise_user finds no such user and password. */
    public static final KannelAnswer AUTHORIZATION_FAILED = new KannelAnswer(403, "Authorization failed for sendsms");
    /** smsbox_req_sendsms (GET) without a {@code to}. */
    public static final KannelAnswer MISSING_RECEIVER = new KannelAnswer(400, "Missing receiver number, rejected");
    /** smsbox_sendsms_post without X-Kannel-To. */
    public static final KannelAnswer MISSING_RECEIVERS = new KannelAnswer(400, "Missing receiver(s) number(s), rejected");
    public static final KannelAnswer EMPTY_RECEIVER = new KannelAnswer(400, "Empty receiver number not allowed, rejected");
    /** smsbox_req_handle when every receiver was denied (Kannel: illegal characters or white/black lists). */
    public static final KannelAnswer ALL_DENIED = new KannelAnswer(400,
            "Number(s) has/have been denied by white- and/or black-lists.");
    public static final KannelAnswer INVALID_CONTENT_TYPE = new KannelAnswer(400, "Invalid content-type");
    public static final KannelAnswer UDH_MISFORMED = new KannelAnswer(400, "UDH field misformed, rejected");
    public static final KannelAnswer UDH_TOO_LONG = new KannelAnswer(400, "UDH field is too long, rejected");
    /** Not Kannel's: the hub's modems send text, so a UDH (concatenation, ports, flash...) cannot be honoured. */
    public static final KannelAnswer UDH_UNSUPPORTED = new KannelAnswer(400,
            "UDH field not supported, the hub's modems send text only, rejected");
    /** Not Kannel's: coding 1 is binary data, which the modems cannot send; 0 and 2 they pick from the text. */
    public static final KannelAnswer EIGHT_BIT_UNSUPPORTED = new KannelAnswer(400,
            "Coding field 1 (8-bit) not supported, the hub's modems send text only, rejected");
    public static final KannelAnswer DLR_URL_MISFORMED = new KannelAnswer(400, "DLR-URL field misformed, rejected");
    public static final KannelAnswer DLR_MASK_MISFORMED = new KannelAnswer(400, "DLR-Mask field misformed, rejected");
    public static final KannelAnswer CODING_MISFORMED = new KannelAnswer(400, "Coding field misformed, rejected");
    public static final KannelAnswer VALIDITY_MISFORMED = new KannelAnswer(400, "Validity field misformed, rejected");
    public static final KannelAnswer DEFERRED_MISFORMED = new KannelAnswer(400, "Deferred field misformed, rejected");
    /** Also, beyond Kannel, a text that is not UTF-8 or holds a NUL, another control character or a lone surrogate. */
    public static final KannelAnswer CHARSET_MISFORMED = new KannelAnswer(400, "Charset or body misformed, rejected");
    /** Not Kannel's (smsbox takes any sender): a from holding a NUL, another control character or a lone surrogate. */
    public static final KannelAnswer FROM_MISFORMED = new KannelAnswer(400, "From field misformed, rejected");
    /** smsbox's transmit_error: bearerbox would not take the SMS; here, something unexpected went wrong. */
    public static final KannelAnswer SENDING_FAILED = new KannelAnswer(500, "Sending failed.");
    /**
     * smsbox's answer when bearerbox reports a temporary failure (delayed_http_reply, ack_failed_tmp); here, when the
     * database did not store the SMS in time or too many requests wait for it: the client may try again.
     */
    public static final KannelAnswer TEMPORARY_FAILURE = new KannelAnswer(503, "Temporal failure, try again later.");
    /** The http server's answer to a method it does not serve. */
    public static final KannelAnswer UNKNOWN_REQUEST = new KannelAnswer(404, "Unknown request.");
    /** Not Kannel's: the hub refuses bodies larger than an SMS request can need. */
    public static final KannelAnswer TOO_LARGE = new KannelAnswer(413, "Request too large, rejected");
}
