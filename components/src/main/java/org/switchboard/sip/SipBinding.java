package org.switchboard.sip;

import java.nio.charset.StandardCharsets;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Judges a NOTIFY (allow-list, event package, body) and turns it into an exchange; the consumer stays thin. */
final class SipBinding {

    private final PeerAllowList peers;
    private final AddressFactory addresses;

    SipBinding(PeerAllowList peers, AddressFactory addresses) {
        this.peers = peers;
        this.addresses = addresses;
    }

    /** Decides the answer to a NOTIFY from {@code sourceIp}, in the order a PBX admin would want to read it. */
    NotifyVerdict judge(Request notify, String sourceIp) {
        if (!peers.allows(sourceIp)) {
            return NotifyVerdict.rejected(Response.FORBIDDEN, "Forbidden: " + sourceIp + " is not an allowed peer");
        }
        EventHeader event = (EventHeader) notify.getHeader(EventHeader.NAME);
        if (event == null || !SipConstants.EVENT_PACKAGE.equalsIgnoreCase(event.getEventType())) {
            return NotifyVerdict.rejected(Response.BAD_EVENT, "Bad Event: only message-summary is supported");
        }
        ContentTypeHeader type = (ContentTypeHeader) notify.getHeader(ContentTypeHeader.NAME);
        if (type != null && !(SipConstants.CONTENT_TYPE.equalsIgnoreCase(type.getContentType())
                && SipConstants.CONTENT_SUBTYPE.equalsIgnoreCase(type.getContentSubType()))) {
            return NotifyVerdict.rejected(Response.BAD_REQUEST, "Bad Request: Content-Type " + type.getContentType() + "/"
                    + type.getContentSubType() + " is not application/simple-message-summary");
        }
        try {
            return NotifyVerdict.accepted(MessageSummary.parse(body(notify)));
        } catch (MalformedSummaryException e) {
            return NotifyVerdict.rejected(Response.BAD_REQUEST, "Bad Request: " + e.getMessage());
        }
    }

    void fill(Exchange exchange, Request notify, NotifyVerdict verdict, String sourceIp, int sourcePort, String transport,
            String subscriptionState, SubscriptionTarget subscribed) {
        Message in = exchange.getIn();
        in.setBody(verdict.summary());
        in.setHeader(SipConstants.SOURCE_ADDRESS, sourceIp + ":" + sourcePort);
        in.setHeader(SipConstants.TRANSPORT, transport);
        in.setHeader(SipConstants.CALL_ID, notify.getHeader("Call-ID") == null ? null
                : ((javax.sip.header.CallIdHeader) notify.getHeader("Call-ID")).getCallId());
        FromHeader from = (FromHeader) notify.getHeader(FromHeader.NAME);
        in.setHeader(SipConstants.FROM, from == null ? null : from.getAddress().toString());
        in.setHeader(SipConstants.SUBSCRIPTION_STATE, subscriptionState);
        EventHeader event = (EventHeader) notify.getHeader(EventHeader.NAME);
        in.setHeader(SipConstants.EVENT, event == null ? null : event.getEventType());
        in.setHeader(SipConstants.IN_DIALOG, subscribed != null);
        // In the dialog of a subscription the hub made, To names the hub's own account (its From), not the mailbox.
        in.setHeader(SipConstants.MAILBOX, subscribed != null ? subscribed.mailbox() : mailbox(notify, verdict.summary()));
        in.setHeader(SipConstants.OUTCOME, verdict.isAccepted() ? SipConstants.ACCEPTED : SipConstants.REJECTED);
        if (!verdict.isAccepted()) {
            in.setHeader(SipConstants.STATUS_CODE, verdict.statusCode());
            in.setHeader(SipConstants.REASON, verdict.reason());
            in.setHeader(SipConstants.RAW_BODY, body(notify));
        }
    }

    /**
     * The mailbox: the user part of To (the peer or endpoint the PBX notifies, which the admin names after the mailbox,
     * or the mailbox the hub subscribed to), else of the Request-URI, else of Message-Account. Message-Account comes
     * last because chan_sip fills it with the voicemail extension to dial ("sip:asterisk@pbx"), not the mailbox.
     */
    String mailbox(Request notify, MessageSummary summary) {
        ToHeader to = (ToHeader) notify.getHeader(ToHeader.NAME);
        String user = to == null ? null : user(to.getAddress().getURI());
        if (user == null) {
            user = user(notify.getRequestURI());
        }
        if (user == null && summary != null && summary.messageAccount() != null) {
            try {
                user = user(addresses.createURI(summary.messageAccount()));
            } catch (java.text.ParseException e) {
                // not a SIP URI: no mailbox from it
            }
        }
        return user;
    }

    static boolean terminated(Request notify) {
        SubscriptionStateHeader state = (SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME);
        return state != null && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(state.getState());
    }

    static String body(Request request) {
        byte[] raw = request.getRawContent();
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    private static String user(URI uri) {
        return uri instanceof SipURI sip ? sip.getUser() : null;
    }
}
