package org.switchboard.calls.sip;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.switchboard.calls.CallCause;
import org.switchboard.calls.CallState;
import org.switchboard.calls.CallTransition;

/**
 * One click-to-call by third-party call control, RFC 3725 flow I: INVITE the agent without SDP; the agent's 200
 * carries the offer; INVITE the customer with that offer; the customer's 200 carries the answer; ACK the customer,
 * then ACK the agent with the customer's answer. Pure: SIP responses, BYEs, timeouts and the time in; the SIP actions
 * to send and the call's states out. Not thread-safe: its transport serialises the calls on it.
 * <p>
 * Flow I leaves the agent's 200 unacknowledged while the customer's phone rings, and the agent's phone gives the call
 * up when no ACK comes within 64*T1 (32 s): the customer's ring time must stay below that ({@link Timing}). A leg that
 * ends without the other ever being joined is closed properly (its 2xx ACKed, declining the offer, then BYE). Nothing
 * is ever sent again by itself: a failed call stays failed.
 */
public final class ThirdPartyCall {
    /** The most digest challenges answered on one leg: a third means the credentials are refused. */
    static final int MAX_CHALLENGES = 2;

    /**
     * How long each leg may take.
     *
     * @param agentRing    from the INVITE to the agent's answer, then CANCEL (agent-no-answer)
     * @param customerRing from the INVITE to the customer's answer, then CANCEL (customer-no-answer); below 32 s
     * @param noResponse   how long an INVITE may go without any response (not even 100 Trying) before the PBX is taken
     *                     for unreachable
     */
    public record Timing(Duration agentRing, Duration customerRing, Duration noResponse) {
        /** The agent's phone waits 64*T1 for the ACK of its 200; keep a margin for the answer to travel. */
        public static final Duration MAX_CUSTOMER_RING = Duration.ofSeconds(30);

        public Timing {
            if (customerRing.compareTo(MAX_CUSTOMER_RING) > 0) {
                throw new IllegalArgumentException("the customer's ring time must be at most " + MAX_CUSTOMER_RING
                        .toSeconds() + " s: the agent's phone waits only 32 s for the ACK of its 200 (RFC 3725 flow I)");
            }
        }
    }

    /** What one event made of the call: what to send, in order, and the states it reached. */
    public record Step(List<SipAction> actions, List<CallTransition> transitions) {
        static final Step NOTHING = new Step(List.of(), List.of());
    }

    private enum LegState {
        /** Not invited (yet). */
        IDLE,
        /** INVITE sent, no response yet. */
        CALLING,
        /** A provisional response came: it may be cancelled. */
        PROCEEDING,
        /** The hub gave the INVITE up (CANCEL sent, or to be sent at its first provisional response). */
        CANCELLED,
        /** 2xx received, not ACKed yet (the agent, while the customer's phone rings). */
        ANSWERED,
        /** 2xx ACKed: in the call. */
        UP,
        /** Over: failed, cancelled and answered, or hung up. */
        DONE
    }

    private final long callId;
    private final Timing timing;
    private final Map<Leg, LegState> legs = new EnumMap<>(Leg.class);
    private final Map<Leg, Integer> challenges = new EnumMap<>(Leg.class);
    private final Map<Leg, Instant> invitedAt = new EnumMap<>(Leg.class);
    /** A leg given up before any response: its CANCEL goes at its first provisional response. */
    private final Map<Leg, Boolean> cancelPending = new EnumMap<>(Leg.class);
    private CallState state = CallState.REQUESTED;
    private String agentOffer;

    // Filled while one event is handled.
    private List<SipAction> actions;
    private List<CallTransition> transitions;

    public ThirdPartyCall(long callId, Timing timing) {
        this.callId = callId;
        this.timing = timing;
        for (Leg leg : Leg.values()) {
            legs.put(leg, LegState.IDLE);
            challenges.put(leg, 0);
            cancelPending.put(leg, false);
        }
    }

    public long callId() {
        return callId;
    }

    public CallState state() {
        return state;
    }

    /** Whether the call is final and neither leg has anything left to send or wait for: it can be forgotten. */
    public boolean done() {
        return state.isFinal() && legs.values().stream().allMatch(s -> s == LegState.IDLE || s == LegState.DONE);
    }

    /** The first step: INVITE the agent's phone, without SDP. */
    public Step start(Instant now) {
        begin();
        invite(Leg.AGENT, null, now);
        return end();
    }

    /** A response to the leg's INVITE ({@code sdp}: its body, or null). */
    public Step response(Leg leg, int status, String reason, String sdp, Instant now) {
        begin();
        LegState s = legs.get(leg);
        String said = status + " " + (reason == null ? "" : reason).strip();
        if (status < 200) {
            provisional(leg, s, status, now);
        } else if (status < 300) {
            answered(leg, s, sdp, now);
        } else if (s == LegState.CALLING || s == LegState.PROCEEDING) {
            refused(leg, status, said, now);
        } else if (s == LegState.CANCELLED) {
            // Mostly the 487 of our own CANCEL: the call's state was said when it was cancelled.
            legs.put(leg, LegState.DONE);
        }
        return end();
    }

    private void provisional(Leg leg, LegState s, int status, Instant now) {
        if (s == LegState.CANCELLED && cancelPending.get(leg)) {
            cancelPending.put(leg, false);
            actions.add(new SipAction.Cancel(leg));
            return;
        }
        if (s != LegState.CALLING && s != LegState.PROCEEDING) {
            return;
        }
        legs.put(leg, LegState.PROCEEDING);
        if (status == 100) {
            return;
        }
        if (leg == Leg.AGENT) {
            move(CallState.AGENT_RINGING, "the agent's phone rings (" + status + ")", now);
        } else {
            move(CallState.CUSTOMER_RINGING, "the customer's phone rings (" + status + ")", now);
        }
    }

    private void answered(Leg leg, LegState s, String sdp, Instant now) {
        if (s == LegState.CANCELLED) {
            // The 200 crossed our CANCEL (or came before the provisional a pending CANCEL waited for): take it, leave.
            close(leg, sdp);
            return;
        }
        if (s != LegState.CALLING && s != LegState.PROCEEDING) {
            // A retransmitted 200: the stack sends the ACK again.
            return;
        }
        if (leg == Leg.AGENT) {
            legs.put(leg, LegState.ANSWERED);
            if (!Sdp.present(sdp)) {
                close(leg, null);
                fail(CallCause.AGENT_UNAVAILABLE, "the agent's phone answered without an SDP offer", now);
                return;
            }
            agentOffer = sdp;
            move(CallState.AGENT_ANSWERED, "the agent answered; inviting the customer with the agent's offer", now);
            invite(Leg.CUSTOMER, sdp, now);
            return;
        }
        legs.put(leg, LegState.ANSWERED);
        if (!Sdp.present(sdp)) {
            close(leg, null);
            fail(CallCause.CUSTOMER_UNREACHABLE, "the customer's side answered without an SDP answer", now);
            return;
        }
        actions.add(new SipAction.Ack(Leg.CUSTOMER, null));
        legs.put(Leg.CUSTOMER, LegState.UP);
        actions.add(new SipAction.Ack(Leg.AGENT, sdp));
        legs.put(Leg.AGENT, LegState.UP);
        move(CallState.CONNECTED, "the customer answered; the agent has the customer's answer", now);
    }

    private void refused(Leg leg, int status, String said, Instant now) {
        if ((status == 401 || status == 407) && challenges.get(leg) < MAX_CHALLENGES) {
            challenges.merge(leg, 1, Integer::sum);
            legs.put(leg, LegState.CALLING);
            invitedAt.put(leg, now);
            actions.add(new SipAction.Authenticate(leg));
            return;
        }
        legs.put(leg, LegState.DONE);
        String cause = leg == Leg.AGENT ? agentCause(status) : customerCause(status);
        fail(cause, "the " + leg.text() + "'s leg: " + said, now);
    }

    static String agentCause(int status) {
        return switch (status) {
            case 486, 600 -> CallCause.AGENT_BUSY;
            case 603 -> CallCause.AGENT_REJECTED;
            case 408, 480, 487 -> CallCause.AGENT_NO_ANSWER;
            case 401, 403, 407 -> CallCause.PBX_AUTH_REFUSED;
            default -> CallCause.AGENT_UNAVAILABLE;
        };
    }

    static String customerCause(int status) {
        return switch (status) {
            case 486, 600 -> CallCause.CUSTOMER_BUSY;
            case 603 -> CallCause.CUSTOMER_REJECTED;
            case 408, 480, 487 -> CallCause.CUSTOMER_NO_ANSWER;
            case 401, 403, 407 -> CallCause.PBX_AUTH_REFUSED;
            default -> CallCause.CUSTOMER_UNREACHABLE;
        };
    }

    /** The leg's phone hung up (its BYE, already answered 200 by the transport). */
    public Step bye(Leg leg, Instant now) {
        begin();
        legs.put(leg, LegState.DONE);
        String cause = leg == Leg.AGENT ? CallCause.AGENT_HUNG_UP : CallCause.CUSTOMER_HUNG_UP;
        if (state == CallState.CONNECTED) {
            Leg other = other(leg);
            leave(other);
            move(CallState.ENDED, cause, "the " + leg.text() + " hung up; the hub ended the " + other.text() + "'s leg",
                    now);
        } else {
            leave(other(leg));
            fail(cause, "the " + leg.text() + " hung up before the call was connected", now);
        }
        return end();
    }

    /** The stack gave up the leg's INVITE: no final response within its timer B (or it could not be sent). */
    public Step timeout(Leg leg, String detail, Instant now) {
        begin();
        LegState s = legs.get(leg);
        if (s == LegState.CALLING || s == LegState.PROCEEDING) {
            legs.put(leg, LegState.DONE);
            noAnswer(leg, s, detail, now);
        } else if (s == LegState.CANCELLED) {
            legs.put(leg, LegState.DONE);
        }
        return end();
    }

    /** The clock: gives up legs that ring too long, or whose INVITE got no response at all. */
    public Step tick(Instant now) {
        begin();
        for (Leg leg : Leg.values()) {
            LegState s = legs.get(leg);
            Instant since = invitedAt.get(leg);
            if (since == null || (s != LegState.CALLING && s != LegState.PROCEEDING)) {
                continue;
            }
            Duration ring = leg == Leg.AGENT ? timing.agentRing() : timing.customerRing();
            if (s == LegState.CALLING && !now.isBefore(since.plus(timing.noResponse()))) {
                actions.add(new SipAction.Abandon(leg));
                legs.put(leg, LegState.DONE);
                noAnswer(leg, s, "no response to the INVITE within " + timing.noResponse().toMillis() + " ms", now);
            } else if (s == LegState.PROCEEDING && !now.isBefore(since.plus(ring))) {
                cancel(leg);
                noAnswer(leg, s, "no answer within " + ring.toMillis() + " ms; cancelled", now);
            }
        }
        return end();
    }

    private void noAnswer(Leg leg, LegState s, String detail, Instant now) {
        String cause;
        if (leg == Leg.AGENT) {
            cause = s == LegState.CALLING ? CallCause.PBX_UNREACHABLE : CallCause.AGENT_NO_ANSWER;
        } else {
            cause = s == LegState.CALLING ? CallCause.CUSTOMER_UNREACHABLE : CallCause.CUSTOMER_NO_ANSWER;
        }
        fail(cause, "the " + leg.text() + "'s leg: " + detail, now);
    }

    /** The hub ends the call (it stops, or someone asked): both legs left, whatever they were doing. */
    public Step hangUp(String cause, String detail, Instant now) {
        begin();
        boolean connected = state == CallState.CONNECTED;
        for (Leg leg : Leg.values()) {
            leave(leg);
        }
        if (connected) {
            move(CallState.ENDED, cause, detail, now);
        } else {
            fail(cause, detail, now);
        }
        return end();
    }

    private void invite(Leg leg, String sdp, Instant now) {
        legs.put(leg, LegState.CALLING);
        invitedAt.put(leg, now);
        actions.add(new SipAction.Invite(leg, sdp));
    }

    /** Fails the call: the agent's leg, answered while the customer's was tried, is closed. */
    private void fail(String cause, String detail, Instant now) {
        leave(Leg.AGENT);
        leave(Leg.CUSTOMER);
        move(CallState.FAILED, cause, detail, now);
    }

    /** Whatever the leg is doing, it stops: an INVITE is cancelled, a dialog closed. */
    private void leave(Leg leg) {
        switch (legs.get(leg)) {
            case CALLING, PROCEEDING -> cancel(leg);
            case ANSWERED -> close(leg, leg == Leg.AGENT ? agentOffer : null);
            case UP -> {
                actions.add(new SipAction.Bye(leg));
                legs.put(leg, LegState.DONE);
            }
            default -> {
            }
        }
    }

    private void cancel(Leg leg) {
        if (legs.get(leg) == LegState.PROCEEDING) {
            actions.add(new SipAction.Cancel(leg));
        } else {
            cancelPending.put(leg, true);
        }
        legs.put(leg, LegState.CANCELLED);
    }

    /**
     * A 2xx the call will not use: ACK it (the agent's with an answer declining its offer, since its 200 made one),
     * then BYE.
     */
    private void close(Leg leg, String offer) {
        actions.add(new SipAction.Ack(leg, leg == Leg.AGENT && offer != null ? Sdp.declining(offer) : null));
        actions.add(new SipAction.Bye(leg));
        legs.put(leg, LegState.DONE);
    }

    private static Leg other(Leg leg) {
        return leg == Leg.AGENT ? Leg.CUSTOMER : Leg.AGENT;
    }

    private void move(CallState next, String detail, Instant now) {
        move(next, null, detail, now);
    }

    private void move(CallState next, String cause, String detail, Instant now) {
        if (!state.mayMoveTo(next)) {
            return;
        }
        state = next;
        transitions.add(new CallTransition(callId, next, cause, null, detail, now));
    }

    private void begin() {
        actions = new ArrayList<>();
        transitions = new ArrayList<>();
    }

    private Step end() {
        Step s = actions.isEmpty() && transitions.isEmpty() ? Step.NOTHING : new Step(List.copyOf(actions),
                List.copyOf(transitions));
        actions = null;
        transitions = null;
        return s;
    }
}
