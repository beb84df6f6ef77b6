package org.switchboard.calls.sip;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.calls.CallCause;
import org.switchboard.calls.CallListener;
import org.switchboard.calls.CallTransition;
import org.switchboard.calls.ClickToCall;
import org.switchboard.calls.PbxDown;
import org.switchboard.sip.stack.SharedSipStack;
import org.switchboard.sip.stack.SipHandler;
import org.switchboard.sip.stack.SipStackOptions;

/**
 * Click-to-call by SIP third-party call control on the hub's shared JAIN-SIP stack (the one the voicemail
 * subscription uses, on {@code switchboard.sip.host:port}): each call is a {@link ThirdPartyCall}, whose actions this
 * class turns into requests, and whose events are the stack's responses, BYEs and timeouts for the call's two dialogs.
 * Requests go to the host of their Request-URI (by default the PBX); 401/407 are answered with the PBX account's
 * digest. Stopping leaves every call under way (BYE, CANCEL).
 */
public final class SipClickToCall implements ClickToCall, SipHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SipClickToCall.class);
    private static final long TICK_MILLIS = 100;

    /**
     * Where the legs go and as whom the hub calls.
     *
     * @param agentUri    the agent's Request-URI, {@code {agent}} replaced, e.g. {@code sip:{agent}@192.168.1.10:5060}
     * @param customerUri the customer's, {@code {e164}} (+62...) or {@code {digits}} (62...) replaced
     * @param user        the hub's account at the PBX: From, and the digest's user name
     * @param password    the digest's password
     * @param contactHost the host in the hub's Via and Contact (where the PBX sends back)
     */
    public record Settings(String agentUri, String customerUri, String user, String password, String contactHost,
            ThirdPartyCall.Timing timing) {
        String agent(String agent) {
            return agentUri.replace("{agent}", agent);
        }

        String customer(String e164) {
            return customerUri.replace("{e164}", e164).replace("{digits}", e164.startsWith("+") ? e164.substring(1)
                    : e164);
        }
    }

    /** One call's two legs as the stack knows them. */
    private static final class Placed {
        final ThirdPartyCall machine;
        final String agent;
        final String customer;
        final Map<Leg, LegSip> legs = Map.of(Leg.AGENT, new LegSip(), Leg.CUSTOMER, new LegSip());

        Placed(ThirdPartyCall machine, String agent, String customer) {
            this.machine = machine;
            this.agent = agent;
            this.customer = customer;
        }
    }

    private static final class LegSip {
        String sipCallId;
        ClientTransaction invite;
        Response challenge;
        Dialog dialog;
        long answeredCSeq;
    }

    private record LegOf(Placed placed, Leg leg) {
    }

    private final SipStackOptions options;
    private final Settings settings;
    private final CallListener listener;
    private final Clock clock;
    private final Map<Long, Placed> calls = new ConcurrentHashMap<>();
    private final Map<String, LegOf> bySipCallId = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile SharedSipStack stack;
    private volatile AuthenticationHelper auth;
    private volatile String down = "the SIP stack is not started yet";

    public SipClickToCall(SipStackOptions options, Settings settings, CallListener listener, Clock clock) {
        this.options = options;
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-calls-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Joins (or opens) the hub's SIP stack and starts the calls' clock. */
    public SipClickToCall start() throws Exception {
        SharedSipStack s = SharedSipStack.open("calls", options, this);
        auth = s.authentication((tx, realm) -> new Account(settings.user(), settings.password(), realm));
        stack = s;
        down = null;
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public String way() {
        return "sip";
    }

    @Override
    public Optional<PbxDown> unavailable() {
        String d = down;
        return d == null ? Optional.empty() : Optional.of(new PbxDown(CallCause.PBX_UNREACHABLE, d));
    }

    /** Calls under way (or whose last leg is still closing). */
    public int open() {
        return calls.size();
    }

    @Override
    public void start(long callId, String agent, String customerE164) {
        Placed p = new Placed(new ThirdPartyCall(callId, settings.timing()), agent, customerE164);
        calls.put(callId, p);
        synchronized (p) {
            apply(p, p.machine.start(clock.instant()));
        }
    }

    private void tick() {
        for (Placed p : calls.values()) {
            synchronized (p) {
                apply(p, p.machine.tick(clock.instant()));
            }
        }
    }

    /** Sends the step's actions in order, then reports its states; a call with nothing left is forgotten. */
    private void apply(Placed p, ThirdPartyCall.Step step) {
        for (SipAction a : step.actions()) {
            try {
                send(p, a);
            } catch (Exception e) {
                LOG.debug("call {}: cannot send {}: {}", p.machine.callId(), a, e.toString());
                if (a instanceof SipAction.Invite || a instanceof SipAction.Authenticate) {
                    report(p.machine.timeout(a.leg(), "the INVITE could not be sent: " + e.getMessage(),
                            clock.instant()).transitions());
                }
            }
        }
        report(step.transitions());
        if (p.machine.done()) {
            calls.remove(p.machine.callId(), p);
            for (LegSip leg : p.legs.values()) {
                if (leg.sipCallId != null) {
                    bySipCallId.remove(leg.sipCallId);
                }
            }
        }
    }

    private void report(List<CallTransition> transitions) {
        for (CallTransition t : transitions) {
            try {
                listener.changed(t);
            } catch (RuntimeException e) {
                LOG.error("Could not record call {} moving to {}", t.callId(), t.state().text(), e);
            }
        }
    }

    private void send(Placed p, SipAction action) throws Exception {
        LegSip leg = p.legs.get(action.leg());
        SharedSipStack s = stack;
        if (action instanceof SipAction.Invite invite) {
            Request request = invite(s, invite.leg() == Leg.AGENT ? settings.agent(p.agent)
                    : settings.customer(p.customer), invite.sdp());
            leg.sipCallId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
            bySipCallId.put(leg.sipCallId, new LegOf(p, invite.leg()));
            sendInvite(leg, s.provider().getNewClientTransaction(request));
        } else if (action instanceof SipAction.Authenticate) {
            sendInvite(leg, auth.handleChallenge(leg.challenge, leg.invite, s.provider(), 5));
        } else if (action instanceof SipAction.Ack ack) {
            Request request = leg.dialog.createAck(leg.answeredCSeq);
            if (ack.sdp() != null) {
                request.setContent(ack.sdp(), s.headers().createContentTypeHeader("application", "sdp"));
            }
            leg.dialog.sendAck(request);
        } else if (action instanceof SipAction.Cancel) {
            ClientTransaction tx = s.provider().getNewClientTransaction(leg.invite.createCancel());
            tx.setApplicationData(this);
            tx.sendRequest();
        } else if (action instanceof SipAction.Abandon) {
            leg.invite.terminate();
        } else if (action instanceof SipAction.Bye) {
            ClientTransaction tx = s.provider().getNewClientTransaction(leg.dialog.createRequest(Request.BYE));
            tx.setApplicationData(this);
            leg.dialog.sendRequest(tx);
        }
    }

    private void sendInvite(LegSip leg, ClientTransaction tx) throws Exception {
        tx.setApplicationData(this);
        leg.invite = tx;
        tx.sendRequest();
        if (tx.getDialog() != null) {
            tx.getDialog().setApplicationData(this);
        }
    }

    private Request invite(SharedSipStack s, String uri, String sdp) throws Exception {
        SipURI target = (SipURI) s.addresses().createURI(uri);
        SipURI fromUri = s.addresses().createSipURI(settings.user(), target.getHost());
        Address from = s.addresses().createAddress(fromUri);
        from.setDisplayName("Switchboard");
        Address to = s.addresses().createAddress((SipURI) target.clone());
        Request request = s.messages().createRequest(target, Request.INVITE, s.provider().getNewCallId(),
                s.headers().createCSeqHeader(1L, Request.INVITE),
                s.headers().createFromHeader(from, UUID.randomUUID().toString().substring(0, 8)),
                s.headers().createToHeader(to, null),
                List.of(s.headers().createViaHeader(settings.contactHost(), options.port(), "udp", null)),
                s.headers().createMaxForwardsHeader(70));
        SipURI contact = s.addresses().createSipURI("switchboard", settings.contactHost());
        contact.setPort(options.port());
        request.addHeader(s.headers().createContactHeader(s.addresses().createAddress(contact)));
        if (sdp != null) {
            request.setContent(sdp, s.headers().createContentTypeHeader("application", "sdp"));
        }
        return request;
    }

    @Override
    public boolean onRequest(RequestEvent event) {
        Request request = event.getRequest();
        LegOf of = bySipCallId.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
        if (of == null || !Request.BYE.equals(request.getMethod())) {
            return false;
        }
        try {
            ServerTransaction tx = event.getServerTransaction() != null ? event.getServerTransaction()
                    : stack.provider().getNewServerTransaction(request);
            tx.sendResponse(stack.messages().createResponse(Response.OK, request));
        } catch (Exception e) {
            LOG.debug("call {}: cannot answer the {}'s BYE: {}", of.placed().machine.callId(), of.leg(), e.toString());
        }
        synchronized (of.placed()) {
            apply(of.placed(), of.placed().machine.bye(of.leg(), clock.instant()));
        }
        return true;
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        LegOf of = bySipCallId.get(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId());
        if (of == null || !Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        Placed p = of.placed();
        synchronized (p) {
            LegSip leg = p.legs.get(of.leg());
            ClientTransaction tx = event.getClientTransaction();
            int status = response.getStatusCode();
            if (tx != null && tx != leg.invite) {
                return; // an answer to an INVITE already challenged and sent again
            }
            if (status >= 200 && status < 300) {
                if (tx == null && leg.dialog != null) {
                    return; // a retransmitted 2xx: the stack ACKs it again
                }
                leg.dialog = event.getDialog();
                leg.dialog.setApplicationData(this);
                leg.answeredCSeq = cseq.getSeqNumber();
            } else if (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) {
                leg.challenge = response;
            }
            apply(p, p.machine.response(of.leg(), status, response.getReasonPhrase(), body(response),
                    clock.instant()));
        }
    }

    private static String body(Message m) {
        byte[] raw = m.getRawContent();
        return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public void onTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction tx = event.getClientTransaction();
        LegOf of = bySipCallId.get(((CallIdHeader) tx.getRequest().getHeader(CallIdHeader.NAME)).getCallId());
        if (of == null || !Request.INVITE.equals(tx.getRequest().getMethod())) {
            return;
        }
        synchronized (of.placed()) {
            if (of.placed().legs.get(of.leg()).invite == tx) {
                apply(of.placed(), of.placed().machine.timeout(of.leg(), "no final response (transaction timeout)",
                        clock.instant()));
            }
        }
    }

    /** Leaves every call under way (BYE, CANCEL), then lets go of the stack. */
    @Override
    public void close() {
        timer.shutdownNow();
        for (Placed p : calls.values()) {
            synchronized (p) {
                apply(p, p.machine.hangUp(CallCause.HUB_STOPPED, "the hub stopped: it ended the call",
                        clock.instant()));
            }
        }
        down = "the SIP stack is stopped";
        SharedSipStack s = stack;
        if (s != null) {
            s.close(this);
        }
    }

    private record Account(String getUserName, String getPassword, String getSipDomain) implements UserCredentials {
    }
}
