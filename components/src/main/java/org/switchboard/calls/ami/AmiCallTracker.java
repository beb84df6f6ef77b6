package org.switchboard.calls.ami;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.switchboard.calls.CallCause;
import org.switchboard.calls.CallState;
import org.switchboard.calls.CallTransition;

/**
 * Follows the hub's calls through the PBX's AMI events (asterisk-java's typed events, as its reader builds them from
 * the PBX's packets) and says how each moved. Pure: events and the time in, transitions out; not thread-safe (its owner
 * serialises the calls).
 * <p>
 * A call is found by what the hub set on its Originate: the ActionID (the Originate's response and its
 * OriginateResponse event), and the agent's channel's Uniqueid (ChannelId), which is also the Linkedid of every channel
 * the dialplan makes for the call. The customer's leg is the destination of the Dial that call's channels begin
 * (DialBegin's DestUniqueid), a Local channel in between (a FreePBX route) being passed over. The agent's leg:
 * Newstate Ringing, then Up (answered); the customer's: DialBegin (dialled), Newstate Ringing, DialEnd ANSWER or
 * Newstate Up (connected); a Hangup ends either. States only move forward, so the same fact reported twice (Newstate
 * Up and OriginateResponse Success) makes one transition.
 */
public final class AmiCallTracker {
    /** Prefix of the hub's ActionIDs and of the Uniqueid it gives the agent's channel (Originate's ChannelId). */
    static final String PREFIX = "switchboard-call-";
    private static final int RINGING = 5;
    private static final int UP = 6;

    /** One call under way. */
    private static final class Tracked {
        final long callId;
        final String actionId;
        final String agentChannel;
        final Instant deadline;
        CallState state = CallState.REQUESTED;
        String customerLeg;
        /** The agent's channel hung up before it answered: the Q.850 cause, for the OriginateResponse that follows. */
        Integer agentHangupCause;
        String agentHangupText;

        Tracked(long callId, Instant deadline) {
            this.callId = callId;
            this.actionId = actionId(callId);
            this.agentChannel = agentChannelId(callId);
            this.deadline = deadline;
        }
    }

    /** The ActionID of the Originate of call {@code callId} (asterisk-java puts its own id and '#' before it). */
    public static String actionId(long callId) {
        return PREFIX + callId;
    }

    /** The Uniqueid the agent's channel gets (Originate's ChannelId, Asterisk 12 and later); its legs' Linkedid. */
    public static String agentChannelId(long callId) {
        return PREFIX + callId + "-agent";
    }

    private final Map<String, Tracked> byAction = new HashMap<>();
    private final Map<String, Tracked> byChannel = new HashMap<>();
    private final Map<String, Tracked> byCustomerLeg = new HashMap<>();

    /**
     * Starts following call {@code callId}, before its Originate is sent.
     *
     * @param deadline when, without a word from the PBX about the agent's phone, the call is given up
     */
    public void originating(long callId, Instant deadline) {
        Tracked t = new Tracked(callId, deadline);
        byAction.put(t.actionId, t);
        byChannel.put(t.agentChannel, t);
    }

    /** Stops following a call whose Originate never reached the PBX. */
    public void forget(long callId) {
        Tracked t = byAction.remove(actionId(callId));
        if (t != null) {
            byChannel.remove(t.agentChannel);
        }
    }

    /** Calls still under way. */
    public int open() {
        return byAction.size();
    }

    /**
     * The PBX refused call {@code callId}'s Originate ({@code Response: Error}): it fails at once.
     */
    public List<CallTransition> refused(long callId, String message, Instant now) {
        List<CallTransition> out = new ArrayList<>();
        Tracked t = byAction.get(actionId(callId));
        if (t != null) {
            finish(t, CallState.FAILED, CallCause.ORIGINATE_REFUSED, null, "the PBX refused the Originate: " + message,
                    now, out);
        }
        return out;
    }

    /** What an event from the PBX changes: none, or one or more transitions in order. */
    public List<CallTransition> received(ManagerEvent event, Instant now) {
        List<CallTransition> out = new ArrayList<>();
        if (event instanceof OriginateResponseEvent e) {
            originateResponse(e, now, out);
        } else if (event instanceof NewStateEvent e) {
            newstate(e, now, out);
        } else if (event instanceof DialBeginEvent e) {
            dialBegin(e, now, out);
        } else if (event instanceof DialEndEvent e) {
            dialEnd(e, now, out);
        } else if (event instanceof HangupEvent e) {
            hangup(e, now, out);
        }
        // Other events of the PBX's calls change nothing here.
        return out;
    }

    /** The manager connection dropped: every call under way is given up, none is placed again. */
    public List<CallTransition> connectionLost(String why, Instant now) {
        List<CallTransition> out = new ArrayList<>();
        for (Tracked t : List.copyOf(byAction.values())) {
            // A call whose two parties are talking goes on at the PBX, but the hub can no longer follow it.
            CallState last = t.state == CallState.CONNECTED ? CallState.ENDED : CallState.FAILED;
            finish(t, last, CallCause.CONNECTION_LOST, null, "the PBX's manager connection dropped (" + why
                    + "); the call is no longer followed", now, out);
        }
        return out;
    }

    /** Calls whose agent's phone the PBX has said nothing about by their deadline are given up. */
    public List<CallTransition> overdue(Instant now) {
        List<CallTransition> out = new ArrayList<>();
        for (Tracked t : List.copyOf(byAction.values())) {
            if (t.state.ordinal() < CallState.AGENT_ANSWERED.ordinal() && now.isAfter(t.deadline)) {
                finish(t, CallState.FAILED, CallCause.NO_WORD_FROM_PBX, null,
                        "no OriginateResponse from the PBX by the agent's ring time and a margin", now, out);
            }
        }
        return out;
    }

    private void originateResponse(OriginateResponseEvent m, Instant now, List<CallTransition> out) {
        Tracked t = byAction.get(m.getActionId());
        if (t == null) {
            return;
        }
        if ("Success".equalsIgnoreCase(m.getResponse())) {
            move(t, CallState.AGENT_ANSWERED, "the agent answered on " + m.getChannel(), now, out);
            return;
        }
        int reason = m.getReason() == null ? 0 : m.getReason();
        String byHangup = t.agentHangupCause == null ? null : HangupCauses.agent(t.agentHangupCause);
        String cause = byHangup != null ? byHangup : HangupCauses.originateReason(reason);
        finish(t, CallState.FAILED, cause, t.agentHangupCause, "the agent's phone " + m.getChannel()
                + " did not answer: OriginateResponse Failure, Reason " + reason
                + (t.agentHangupCause == null ? "" : ", Hangup cause " + t.agentHangupCause + " (" + t.agentHangupText
                        + ")"), now, out);
    }

    private void newstate(NewStateEvent m, Instant now, List<CallTransition> out) {
        int state = m.getChannelState() == null ? -1 : m.getChannelState();
        String uniqueid = m.getUniqueId();
        Tracked agent = byChannel.get(uniqueid);
        if (agent != null) {
            if (state == RINGING) {
                move(agent, CallState.AGENT_RINGING, "the agent's phone " + m.getChannel() + " rings", now, out);
            } else if (state == UP) {
                move(agent, CallState.AGENT_ANSWERED, "the agent answered on " + m.getChannel(), now, out);
            }
            return;
        }
        Tracked customer = byCustomerLeg.get(uniqueid);
        if (customer == null) {
            customer = adopt(m.getLinkedId(), uniqueid, m.getChannel());
        }
        if (customer != null) {
            if (state == RINGING) {
                move(customer, CallState.CUSTOMER_RINGING, "the customer's phone rings (" + m.getChannel() + ")", now,
                        out);
            } else if (state == UP) {
                move(customer, CallState.CONNECTED, "the customer answered (" + m.getChannel() + ")", now, out);
            }
        }
    }

    private void dialBegin(DialBeginEvent m, Instant now, List<CallTransition> out) {
        Tracked t = adopt(m.getLinkedId() != null ? m.getLinkedId() : m.getUniqueId(), m.getDestUniqueId(),
                m.getDestChannel());
        if (t == null && byChannel.containsKey(m.getUniqueId())) {
            t = adopt(m.getUniqueId(), m.getDestUniqueId(), m.getDestChannel());
        }
        if (t != null) {
            move(t, CallState.CUSTOMER_RINGING, "dialling the customer: " + m.getDestChannel()
                    + (m.getDialString() == null ? "" : " (" + m.getDialString() + ")"), now, out);
        }
    }

    private void dialEnd(DialEndEvent m, Instant now, List<CallTransition> out) {
        String status = m.getDialStatus();
        Tracked t = byCustomerLeg.get(m.getDestUniqueId());
        if (t == null) {
            // Its DialBegin missed (a session re-established in between): the leg is the call's all the same.
            t = adopt(m.getLinkedId() != null ? m.getLinkedId() : m.getUniqueId(), m.getDestUniqueId(),
                    m.getDestChannel());
        }
        if (t == null) {
            // The agent's own Dial ending (to a Local channel, say): only its failure tells anything.
            t = byChannel.get(m.getUniqueId());
            if (t == null || "ANSWER".equalsIgnoreCase(status)) {
                return;
            }
        }
        if ("ANSWER".equalsIgnoreCase(status)) {
            move(t, CallState.CONNECTED, "the customer answered (" + m.getDestChannel() + ")", now, out);
            return;
        }
        String cause = HangupCauses.dialStatus(status);
        if (cause != null) {
            finish(t, CallState.FAILED, cause, null, "Dial to the customer ended " + status + " ("
                    + m.getDestChannel() + ")", now, out);
        }
    }

    private void hangup(HangupEvent m, Instant now, List<CallTransition> out) {
        String uniqueid = m.getUniqueId();
        int code = m.getCause() == null ? 0 : m.getCause();
        String words = "Hangup cause " + code + " (" + m.getCauseTxt() + ")";
        Tracked agent = byChannel.get(uniqueid);
        if (agent != null) {
            if (agent.state == CallState.CONNECTED) {
                finish(agent, CallState.ENDED, CallCause.AGENT_HUNG_UP, code, "the agent hung up: " + words, now, out);
            } else if (agent.state.ordinal() >= CallState.AGENT_ANSWERED.ordinal()) {
                finish(agent, CallState.FAILED, CallCause.AGENT_HUNG_UP, code, "the agent hung up before the customer"
                        + " answered: " + words, now, out);
            } else {
                // Before the answer: the OriginateResponse Failure that follows says it, this says why.
                agent.agentHangupCause = code;
                agent.agentHangupText = m.getCauseTxt();
            }
            return;
        }
        Tracked customer = byCustomerLeg.get(uniqueid);
        if (customer == null) {
            return;
        }
        if (customer.state == CallState.CONNECTED) {
            finish(customer, CallState.ENDED, CallCause.CUSTOMER_HUNG_UP, code, "the customer hung up: " + words, now,
                    out);
        } else {
            finish(customer, CallState.FAILED, HangupCauses.customer(code), code, "the customer's leg "
                    + m.getChannel() + " ended: " + words, now, out);
        }
    }

    /** The call a channel of {@code linkedid} belongs to, its customer's leg now {@code uniqueid} (a Local is not). */
    private Tracked adopt(String linkedid, String uniqueid, String channel) {
        Tracked t = linkedid == null ? null : byChannel.get(linkedid);
        if (t == null || uniqueid == null || uniqueid.equals(t.agentChannel) || channel == null
                || channel.startsWith("Local/")) {
            return null;
        }
        if (t.customerLeg == null) {
            t.customerLeg = uniqueid;
            byCustomerLeg.put(uniqueid, t);
        }
        return uniqueid.equals(t.customerLeg) ? t : null;
    }

    private static void move(Tracked t, CallState next, String detail, Instant now, List<CallTransition> out) {
        if (t.state.mayMoveTo(next)) {
            t.state = next;
            out.add(CallTransition.to(t.callId, next, detail, now));
        }
    }

    private void finish(Tracked t, CallState last, String cause, Integer code, String detail, Instant now,
            List<CallTransition> out) {
        if (!t.state.mayMoveTo(last)) {
            return;
        }
        t.state = last;
        out.add(new CallTransition(t.callId, last, cause, code, detail, now));
        byAction.remove(t.actionId);
        byChannel.remove(t.agentChannel);
        if (t.customerLeg != null) {
            byCustomerLeg.remove(t.customerLeg);
        }
    }
}
