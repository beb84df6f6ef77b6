package org.switchboard.sip;

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.ObjectInUseException;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPDialog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.sip.stack.SipHandler;

/**
 * One message-summary subscription the hub keeps up with a PBX: SUBSCRIBE, answer a digest challenge, refresh before
 * expiry, and start over with a growing pause when the PBX ends it (terminated NOTIFY, 481, a timeout, a restart).
 * Its SUBSCRIBE transactions are its own (the stack hands it their answers); its NOTIFYs come through the consumer.
 */
public final class SipSubscription implements SipHandler {

    /** Where a subscription stands. */
    public enum State { SUBSCRIBING, ACTIVE, RETRYING, STOPPED }

    private static final Logger LOG = LoggerFactory.getLogger(SipSubscription.class);
    private static final int MAX_CHALLENGES = 2;

    private final SubscriptionTarget target;
    private final SubscriptionContext context;
    private final AtomicLong notifies = new AtomicLong();
    private final AtomicLong subscribes = new AtomicLong();

    private volatile State state = State.SUBSCRIBING;
    private volatile String lastError;
    private volatile int grantedExpires;
    private Dialog dialog;
    // Which NOTIFYs are this subscription's: those with the Call-ID and From tag of its current SUBSCRIBE. The stack's
    // dialog does not tell reliably: a NOTIFY that overtakes the 200 may be handed over before the dialog is set up.
    private volatile String callId;
    private volatile String localTag;
    // The SUBSCRIBE awaiting its answer: a late answer to an older one (UDP reorders) must not revive an ended dialog.
    private ClientTransaction current;
    private ScheduledFuture<?> pending;
    // Gives up on the current SUBSCRIBE after subscribeTimeout, so a PBX that went down is noticed within what the
    // admin configured: the stack's own timeout (64*T1, 32 s) only gets shorter by retransmitting faster.
    private ScheduledFuture<?> deadline;
    private long retryDelay;
    private int challenges;

    SipSubscription(SubscriptionTarget target, SubscriptionContext context) {
        this.target = target;
        this.context = context;
        this.retryDelay = context.config().getResubscribeDelay();
    }

    synchronized void start() {
        schedule(0, this::subscribeNew);
    }

    /** Stops keeping the subscription up, and ends it at the PBX when it is in force. */
    synchronized void stop() {
        boolean granted = state == State.ACTIVE && dialog != null && dialog.getState() == DialogState.CONFIRMED
                && dialog.getRemoteTag() != null;
        state = State.STOPPED;
        if (pending != null) {
            pending.cancel(false);
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (granted) {
            unsubscribe();
        }
    }

    /**
     * SUBSCRIBE with Expires 0 in the dialog (RFC 6665 4.1.2.3). Otherwise the PBX goes on notifying for up to the
     * granted Expires: a hub started again on the same address would take those NOTIFYs, of a dialog it never made,
     * for unsolicited ones addressed to its own account rather than the mailbox. Not waited for: the stack stops next.
     */
    private void unsubscribe() {
        try {
            Request request = dialog.createRequest(Request.SUBSCRIBE);
            addSubscribeHeaders(request);
            request.setHeader(context.headers().createExpiresHeader(0));
            context.auth().setAuthenticationHeaders(request);
            dialog.sendRequest(context.provider().getNewClientTransaction(request));
            subscribes.incrementAndGet();
        } catch (Exception e) {
            LOG.debug("subscription {}: cannot unsubscribe: {}", target, e.toString());
        }
    }

    public SubscriptionTarget target() {
        return target;
    }

    public State state() {
        return state;
    }

    public String lastError() {
        return lastError;
    }

    /** NOTIFYs received inside this subscription. */
    public long notifies() {
        return notifies.get();
    }

    /** SUBSCRIBE requests sent (new ones, refreshes and answers to challenges). */
    long subscribes() {
        return subscribes.get();
    }

    int grantedExpires() {
        return grantedExpires;
    }

    private synchronized void subscribeNew() {
        if (state == State.STOPPED) {
            return;
        }
        forgetDialog();
        try {
            Request request = newSubscribe();
            callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
            localTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
            ClientTransaction tx = context.provider().getNewClientTransaction(request);
            send(tx, false);
            state = state == State.ACTIVE ? State.ACTIVE : State.SUBSCRIBING;
        } catch (Exception e) {
            retry("cannot send SUBSCRIBE: " + e);
        }
    }

    private synchronized void refresh() {
        if (state == State.STOPPED) {
            return;
        }
        if (dialog == null || dialog.getState() != DialogState.CONFIRMED || dialog.getRemoteTag() == null) {
            subscribeNew();
            return;
        }
        try {
            Request request = dialog.createRequest(Request.SUBSCRIBE);
            addSubscribeHeaders(request);
            context.auth().setAuthenticationHeaders(request);
            send(context.provider().getNewClientTransaction(request), true);
        } catch (Exception e) {
            retry("cannot refresh: " + e);
        }
    }

    private void send(ClientTransaction tx, boolean inDialog) throws Exception {
        tx.setApplicationData(this);
        current = tx;
        subscribes.incrementAndGet();
        if (inDialog) {
            dialog.sendRequest(tx);
        } else {
            tx.sendRequest();
            dialog = tx.getDialog();
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (!context.scheduler().isShutdown()) {
            deadline = context.scheduler().schedule(() -> giveUp(tx), context.config().getSubscribeTimeout(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void giveUp(ClientTransaction tx) {
        if (state == State.STOPPED || tx != current) {
            return;
        }
        try {
            // No more retransmissions: a PBX coming back must see only the new SUBSCRIBE, not this one's dialog.
            tx.terminate();
        } catch (ObjectInUseException e) {
            LOG.debug("subscription {}: ending an unanswered SUBSCRIBE: {}", target, e.toString());
        }
        retry("no answer to SUBSCRIBE within " + context.config().getSubscribeTimeout() + " ms");
    }

    @Override
    public synchronized void onResponse(ResponseEvent event) {
        if (state == State.STOPPED) {
            return;
        }
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200 || event.getClientTransaction() != current) {
            return;
        }
        current = null;
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (status < 300) {
            ExpiresHeader expires = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
            activate(event.getDialog(), expires != null ? expires.getExpires() : context.config().getExpires());
            return;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                && context.config().hasCredentials() && challenges++ < MAX_CHALLENGES) {
            try {
                ClientTransaction challenged = event.getClientTransaction();
                ClientTransaction retry = context.auth().handleChallenge(response, challenged, context.provider(), 5);
                boolean inDialog = dialog != null && dialog.getState() == DialogState.CONFIRMED;
                send(retry, inDialog);
                return;
            } catch (Exception e) {
                retry("cannot answer the " + status + " challenge: " + e);
                return;
            }
        }
        retry(status + " " + response.getReasonPhrase());
    }

    /** The PBX granted the subscription, for {@code expires} seconds: refresh it before they run out. */
    private void activate(Dialog granted, int expires) {
        current = null;
        if (deadline != null) {
            deadline.cancel(false);
        }
        challenges = 0;
        retryDelay = context.config().getResubscribeDelay();
        grantedExpires = expires;
        if (granted != null) {
            dialog = granted;
        }
        state = State.ACTIVE;
        lastError = null;
        long refreshMillis = Math.max(500, grantedExpires * 10L * context.config().getRefreshPercent());
        LOG.debug("subscription {} active for {} s, refresh in {} ms", target, grantedExpires, refreshMillis);
        schedule(refreshMillis, this::refresh);
    }

    /** Whether a NOTIFY belongs to this subscription's current dialog: its Call-ID, and the hub's tag in To. */
    boolean owns(Request notify) {
        CallIdHeader id = (CallIdHeader) notify.getHeader(CallIdHeader.NAME);
        ToHeader to = (ToHeader) notify.getHeader(ToHeader.NAME);
        return id != null && to != null && id.getCallId().equals(callId) && to.getTag() != null
                && to.getTag().equals(localTag);
    }

    @Override
    public synchronized void onTimeout(TimeoutEvent event) {
        if (state != State.STOPPED && !event.isServerTransaction() && event.getClientTransaction() == current) {
            retry("no answer to SUBSCRIBE (transaction timeout)");
        }
    }

    /**
     * Called for every NOTIFY this subscription {@link #owns}: one before the answer to a new SUBSCRIBE grants it (RFC
     * 6665 allows that order, and UDP makes it; the stack then takes the 200 for a stray), a terminated one starts a
     * new subscription.
     */
    synchronized void onNotify(Request notify, Dialog notifyDialog) {
        notifies.incrementAndGet();
        if (state == State.STOPPED) {
            return;
        }
        if (!SipBinding.terminated(notify)) {
            // Only a dialog the stack confirmed with the PBX's tag can carry refreshes. After a challenge the stack
            // may hand over the challenged SUBSCRIBE's ended dialog instead: then the 200 will come, and grant it.
            if (current != null && ((ToHeader) current.getRequest().getHeader(ToHeader.NAME)).getTag() == null
                    && notifyDialog != null && notifyDialog.getState() == DialogState.CONFIRMED
                    && notifyDialog.getRemoteTag() != null) {
                SubscriptionStateHeader s = (SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME);
                ClientTransaction unanswered = current;
                learnTarget(notifyDialog, notify);
                activate(notifyDialog, s != null && s.getExpires() > 0 ? s.getExpires() : context.config().getExpires());
                try {
                    // In this order the stack takes the 200 for a stray and would go on retransmitting the SUBSCRIBE.
                    unanswered.terminate();
                } catch (ObjectInUseException e) {
                    LOG.debug("subscription {}: ending the SUBSCRIBE a NOTIFY answered: {}", target, e.toString());
                }
            }
            return;
        }
        SubscriptionStateHeader s = (SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME);
        String reason = s.getReasonCode() == null ? "" : " (" + s.getReasonCode() + ")";
        // The dialog ends with this NOTIFY; a fresh SUBSCRIBE, after the PBX's retry-after when it gave one.
        dialog = null;
        if (s.getRetryAfter() > 0) {
            retryDelay = Math.max(retryDelay, s.getRetryAfter() * 1000L);
        }
        retry("terminated by the PBX" + reason);
    }

    /**
     * The stack confirms the dialog of a NOTIFY that overtook the 200 without taking the NOTIFY's Contact as the remote
     * target (it does so only for a dialog not yet confirmed), and the 200 that follows finds it confirmed: refreshes
     * would go to the mailbox's URI on port 5060. A NOTIFY is a target refresh (RFC 6665 4.1.3).
     */
    private static void learnTarget(Dialog granted, Request notify) {
        if (granted instanceof SIPDialog nist && nist.getRemoteTarget() == null && notify instanceof SIPRequest request) {
            nist.addRoute(request);
        }
    }

    private void retry(String why) {
        lastError = why;
        state = State.RETRYING;
        forgetDialog();
        LOG.info("subscription {}: {}; subscribing again in {} ms", target, why, retryDelay);
        schedule(retryDelay, this::subscribeNew);
        retryDelay = Math.min(retryDelay * 2, context.config().getResubscribeMaxDelay());
    }

    private void forgetDialog() {
        current = null;
        callId = null;
        localTag = null;
        if (dialog != null) {
            try {
                dialog.delete();
            } catch (RuntimeException e) {
                LOG.debug("subscription {}: deleting the old dialog: {}", target, e.toString());
            }
            dialog = null;
        }
    }

    private void schedule(long delayMillis, Runnable task) {
        if (pending != null) {
            pending.cancel(false);
        }
        if (state != State.STOPPED && !context.scheduler().isShutdown()) {
            pending = context.scheduler().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private Request newSubscribe() throws ParseException, javax.sip.InvalidArgumentException {
        SipConfiguration c = context.config();
        String transport = c.getSubscribeTransport().toLowerCase(Locale.ROOT);
        String localHost = c.getContactHost() != null && !c.getContactHost().isBlank() ? c.getContactHost() : c.getHost();
        SipURI requestUri = context.addresses().createSipURI(target.mailbox(), target.host());
        requestUri.setPort(target.port());
        if (!transport.equals("udp")) {
            requestUri.setTransportParam(transport);
        }
        String fromUser = c.hasCredentials() ? c.getUsername() : target.mailbox();
        SipURI fromUri = context.addresses().createSipURI(fromUser, target.host());
        Address from = context.addresses().createAddress(fromUri);
        SipURI toUri = context.addresses().createSipURI(target.mailbox(), target.host());
        Address to = context.addresses().createAddress(toUri);
        ViaHeader via = context.headers().createViaHeader(localHost, c.getPort(), transport, null);
        Request request = context.messages().createRequest(requestUri, Request.SUBSCRIBE,
                context.provider().getNewCallId(), context.headers().createCSeqHeader(1L, Request.SUBSCRIBE),
                context.headers().createFromHeader(from, UUID.randomUUID().toString().substring(0, 8)),
                context.headers().createToHeader(to, null), List.of(via),
                context.headers().createMaxForwardsHeader(70));
        SipURI contactUri = context.addresses().createSipURI("switchboard", localHost);
        contactUri.setPort(c.getPort());
        if (!transport.equals("udp")) {
            contactUri.setTransportParam(transport);
        }
        request.addHeader(context.headers().createContactHeader(context.addresses().createAddress(contactUri)));
        addSubscribeHeaders(request);
        return request;
    }

    private void addSubscribeHeaders(Request request) throws ParseException, javax.sip.InvalidArgumentException {
        request.setHeader(context.headers().createEventHeader(SipConstants.EVENT_PACKAGE));
        request.setHeader(context.headers().createAcceptHeader(SipConstants.CONTENT_TYPE, SipConstants.CONTENT_SUBTYPE));
        request.setHeader(context.headers().createExpiresHeader(context.config().getExpires()));
    }
}
