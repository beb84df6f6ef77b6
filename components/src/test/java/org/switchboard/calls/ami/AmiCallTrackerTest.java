package org.switchboard.calls.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.AmiTranscript;
import org.asteriskjava.manager.response.ManagerError;
import org.junit.jupiter.api.Test;
import org.switchboard.calls.CallCause;
import org.switchboard.calls.CallState;
import org.switchboard.calls.CallTransition;

/**
 * The call states replayed from AMI transcripts as Asterisk writes them (the events of its documentation, the fields a
 * PJSIP call carries), read by asterisk-java's own reader into its typed events, call 7's agent channel having the
 * Uniqueid its Originate's ChannelId gave it.
 */
class AmiCallTrackerTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final String AGENT = "switchboard-call-7-agent";
    /** The Originate's ActionID as Asterisk repeats it: asterisk-java's own id and '#' before the hub's. */
    private static final String ACTION = "1_12#switchboard-call-7";

    private final AmiCallTracker tracker = new AmiCallTracker();

    AmiCallTrackerTest() {
        tracker.originating(7, T0.plusSeconds(60));
    }

    /**
     * Feeds a transcript (packets separated by empty lines) through asterisk-java's reader to {@code to}, and answers
     * the transitions, in order.
     */
    private static List<CallTransition> replay(AmiCallTracker to, String transcript) {
        List<CallTransition> out = new ArrayList<>();
        for (Object read : AmiTranscript.read(transcript)) {
            if (read instanceof ManagerEvent e) {
                out.addAll(to.received(e, T0));
            } else if (read instanceof ManagerError error) {
                out.addAll(to.refused(7, error.getMessage(), T0));
            }
        }
        return out;
    }

    private List<CallTransition> replay(String transcript) {
        return replay(tracker, transcript);
    }

    private static List<String> states(List<CallTransition> ts) {
        return ts.stream().map(t -> t.state().text() + (t.cause() == null ? "" : " " + t.cause())).toList();
    }

    private static String agentEvent(String event, int state, String desc, String extra) {
        return "Event: " + event + "\nPrivilege: call,all\nChannel: PJSIP/1001-00000011\nChannelState: " + state
                + "\nChannelStateDesc: " + desc + "\nCallerIDNum: 1001\nContext: from-internal\nExten: +6281234567890"
                + "\nPriority: 1\nUniqueid: " + AGENT + "\nLinkedid: " + AGENT + extra + "\n\n";
    }

    private static String trunkEvent(String event, int state, String desc, String extra) {
        return "Event: " + event + "\nPrivilege: call,all\nChannel: PJSIP/trunk-00000012\nChannelState: " + state
                + "\nChannelStateDesc: " + desc + "\nUniqueid: 1733600000.12\nLinkedid: " + AGENT + extra + "\n\n";
    }

    private static String dial(String event, String dest, String destUniqueid, String status) {
        return "Event: " + event + "\nPrivilege: call,all\nChannel: PJSIP/1001-00000011\nUniqueid: " + AGENT
                + "\nLinkedid: " + AGENT + "\nDestChannel: " + dest + "\nDestUniqueid: " + destUniqueid
                + "\nDestLinkedid: " + AGENT + (status == null ? "\nDialString: trunk/+6281234567890"
                : "\nDialStatus: " + status) + "\n\n";
    }

    private static final String QUEUED = "Response: Success\nActionID: " + ACTION
            + "\nMessage: Originate successfully queued\n\n";
    private static final String ORIGINATED = "Event: OriginateResponse\nPrivilege: call,all\nActionID: " + ACTION
            + "\nResponse: Success\nChannel: PJSIP/1001\nContext: from-internal\nExten: +6281234567890\nReason: 4"
            + "\nUniqueid: " + AGENT + "\nCallerIDNum: 1001\nCallerIDName: <unknown>\n\n";

    private static String originateFailure(int reason) {
        return "Event: OriginateResponse\nPrivilege: call,all\nActionID: " + ACTION + "\nResponse: Failure\nChannel:"
                + " PJSIP/1001\nContext: from-internal\nExten: +6281234567890\nReason: " + reason + "\nUniqueid: "
                + AGENT + "\n\n";
    }

    private static String hangup(String of, int cause, String text) {
        return (of.equals(AGENT) ? agentEvent("Hangup", 6, "Up", "") : trunkEvent("Hangup", 6, "Up", ""))
                .replace("\n\n", "\nCause: " + cause + "\nCause-txt: " + text + "\n\n");
    }

    @Test
    void aCallThatWorksGoesThroughEveryStateAndEndsWithWhoHungUp() {
        List<CallTransition> ts = replay(QUEUED + agentEvent("Newchannel", 0, "Down", "")
                + agentEvent("Newstate", 5, "Ringing", "") + agentEvent("Newstate", 6, "Up", "") + ORIGINATED
                + trunkEvent("Newchannel", 0, "Down", "") + dial("DialBegin", "PJSIP/trunk-00000012", "1733600000.12",
                        null)
                + trunkEvent("Newstate", 5, "Ringing", "") + trunkEvent("Newstate", 6, "Up", "")
                + dial("DialEnd", "PJSIP/trunk-00000012", "1733600000.12", "ANSWER")
                + hangup("1733600000.12", 16, "Normal Clearing") + hangup(AGENT, 16, "Normal Clearing"));
        assertEquals(List.of("agent-ringing", "agent-answered", "customer-ringing", "connected",
                "ended customer-hung-up"), states(ts));
        assertEquals(16, ts.get(4).causeCode());
        assertTrue(ts.get(2).detail().contains("PJSIP/trunk-00000012"), ts.get(2).detail());
        assertEquals(0, tracker.open(), "a final call is forgotten");
    }

    @Test
    void theAgentHangingUpEndsAConnectedCallAsTheAgents() {
        List<CallTransition> ts = replay(agentEvent("Newstate", 6, "Up", "") + dial("DialBegin",
                "PJSIP/trunk-00000012", "1733600000.12", null) + dial("DialEnd", "PJSIP/trunk-00000012",
                        "1733600000.12", "ANSWER") + hangup(AGENT, 16, "Normal Clearing"));
        assertEquals(List.of("agent-answered", "customer-ringing", "connected", "ended agent-hung-up"), states(ts));
    }

    @Test
    void theAgentsPhoneFailingSaysWhyByItsHangupCauseOrTheOriginatesReason() {
        assertEquals(List.of("failed agent-busy"), states(replay(hangup(AGENT, 17, "User busy")
                + originateFailure(5))));
        tracker.originating(7, T0.plusSeconds(60));
        assertEquals(List.of("agent-ringing", "failed agent-no-answer"), states(replay(agentEvent("Newstate", 5,
                "Ringing", "") + hangup(AGENT, 16, "Normal Clearing") + originateFailure(3))),
                "Normal Clearing says nothing: the Reason (3, rang out) does");
        tracker.originating(7, T0.plusSeconds(60));
        assertEquals(List.of("failed agent-rejected"), states(replay(hangup(AGENT, 21, "Call Rejected")
                + originateFailure(1))));
        tracker.originating(7, T0.plusSeconds(60));
        List<CallTransition> unreachable = replay(originateFailure(0));
        assertEquals(List.of("failed agent-unavailable"), states(unreachable));
        assertTrue(unreachable.get(0).detail().contains("Reason 0"), unreachable.get(0).detail());
    }

    @Test
    void theCustomersLegFailingSaysWhyAndTheAgentsLaterHangupChangesNothing() {
        String answered = agentEvent("Newstate", 6, "Up", "") + ORIGINATED;
        String dialled = dial("DialBegin", "PJSIP/trunk-00000012", "1733600000.12", null);
        assertEquals(List.of("agent-answered", "customer-ringing", "failed customer-busy"), states(replay(answered
                + dialled + hangup("1733600000.12", 17, "User busy") + dial("DialEnd", "PJSIP/trunk-00000012",
                        "1733600000.12", "BUSY") + hangup(AGENT, 17, "User busy"))));
        tracker.originating(7, T0.plusSeconds(60));
        assertEquals(List.of("agent-answered", "customer-ringing", "failed customer-no-answer"), states(replay(
                answered + dialled + dial("DialEnd", "PJSIP/trunk-00000012", "1733600000.12", "NOANSWER")
                        + hangup("1733600000.12", 19, "User alerting, no answer"))));
        tracker.originating(7, T0.plusSeconds(60));
        List<CallTransition> unassigned = replay(answered + dialled + hangup("1733600000.12", 1,
                "Unallocated (unassigned) number"));
        assertEquals(List.of("agent-answered", "customer-ringing", "failed customer-unreachable"), states(unassigned));
        assertEquals(1, unassigned.get(2).causeCode());
        tracker.originating(7, T0.plusSeconds(60));
        assertEquals(List.of("agent-answered", "customer-ringing", "failed agent-hung-up"), states(replay(answered
                + dialled + dial("DialEnd", "PJSIP/trunk-00000012", "1733600000.12", "CANCEL"))),
                "the agent gave up while the customer's phone rang");
    }

    @Test
    void aLocalChannelInTheDialplanIsPassedOverForTheRealCustomerLeg() {
        List<CallTransition> ts = replay(agentEvent("Newstate", 6, "Up", "")
                + dial("DialBegin", "Local/+6281234567890@from-internal-00000003;1", "1733600000.13", null)
                // the Local channel's second half dials the trunk; its events carry the call's Linkedid
                + ("Event: DialBegin\nChannel: Local/+6281234567890@from-internal-00000003;2\nUniqueid: 1733600000.14"
                        + "\nLinkedid: " + AGENT + "\nDestChannel: PJSIP/trunk-00000012\nDestUniqueid: 1733600000.12"
                        + "\nDialString: trunk/+6281234567890\n\n")
                + trunkEvent("Newstate", 6, "Up", "") + hangup("1733600000.12", 16, "Normal Clearing"));
        assertEquals(List.of("agent-answered", "customer-ringing", "connected", "ended customer-hung-up"), states(ts));
    }

    @Test
    void aRefusedOriginateFailsAtOnce() {
        List<CallTransition> ts = replay("Response: Error\nActionID: " + ACTION + "\nMessage: Extension does not exist."
                + "\n\n");
        assertEquals(List.of("failed originate-refused"), states(ts));
        assertTrue(ts.get(0).detail().contains("Extension does not exist."));
    }

    @Test
    void otherCallsEventsAndRepeatsChangeNothing() {
        assertEquals(List.of(), states(replay(agentEvent("Newstate", 5, "Ringing", "").replace(AGENT,
                "1733600000.99") + "Event: PeerStatus\nPeer: PJSIP/1002\nPeerStatus: Reachable\n\n")));
        assertEquals(List.of("agent-answered"), states(replay(agentEvent("Newstate", 6, "Up", "") + ORIGINATED
                + agentEvent("Newstate", 5, "Ringing", ""))), "states only move forward");
    }

    @Test
    void aLostSessionGivesCallsUpAndSoDoesThePbxSilence() {
        AmiCallTracker other = new AmiCallTracker();
        other.originating(8, T0.plusSeconds(60));
        other.originating(9, T0.plusSeconds(60));
        String nine = AmiCallTracker.agentChannelId(9);
        assertEquals(List.of("agent-answered", "connected"), states(replay(other, "Event: Newstate\nChannelState: 6\n"
                + "Uniqueid: " + nine + "\n\nEvent: DialEnd\nUniqueid: " + nine + "\nLinkedid: " + nine
                + "\nDestChannel: PJSIP/trunk-1\nDestUniqueid: 1.1\nDialStatus: ANSWER\n\n")));
        List<CallTransition> lost = new ArrayList<>(other.connectionLost("the PBX closed the connection", T0));
        lost.sort(java.util.Comparator.comparingLong(CallTransition::callId));
        assertEquals(List.of("failed " + CallCause.CONNECTION_LOST, "ended " + CallCause.CONNECTION_LOST),
                states(lost), "a connected call goes on at the PBX: ended, as far as the hub can tell");
        assertEquals(0, other.open());

        assertEquals(List.of(), tracker.overdue(T0.plusSeconds(59)));
        List<CallTransition> overdue = tracker.overdue(T0.plus(Duration.ofSeconds(61)));
        assertEquals(CallState.FAILED, overdue.get(0).state());
        assertEquals(CallCause.NO_WORD_FROM_PBX, overdue.get(0).cause());
    }
}
