package org.switchboard.calls.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.calls.CallState;
import org.switchboard.calls.CallTransition;
import org.switchboard.calls.sip.SipAction.Abandon;
import org.switchboard.calls.sip.SipAction.Ack;
import org.switchboard.calls.sip.SipAction.Authenticate;
import org.switchboard.calls.sip.SipAction.Bye;
import org.switchboard.calls.sip.SipAction.Cancel;
import org.switchboard.calls.sip.SipAction.Invite;
import org.switchboard.calls.sip.ThirdPartyCall.Step;

/** RFC 3725 flow I as events in, SIP actions and call states out. */
class ThirdPartyCallTest {
    private static final Instant T0 = Instant.parse("2026-12-08T00:00:00Z");
    private static final String OFFER = "v=0\r\no=agent 1 1 IN IP4 10.0.0.5\r\ns=agent-phone\r\nc=IN IP4 10.0.0.5\r\n"
            + "t=0 0\r\nm=audio 4000 RTP/AVP 0 8\r\n";
    private static final String ANSWER = "v=0\r\no=cust 1 1 IN IP4 10.0.0.9\r\ns=customer-phone\r\nc=IN IP4 10.0.0.9"
            + "\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n";
    private static final ThirdPartyCall.Timing TIMING = new ThirdPartyCall.Timing(Duration.ofSeconds(20),
            Duration.ofSeconds(25), Duration.ofSeconds(4));

    private final ThirdPartyCall call = new ThirdPartyCall(7, TIMING);

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static List<CallState> states(Step s) {
        return s.transitions().stream().map(CallTransition::state).toList();
    }

    private static CallTransition last(Step s) {
        return s.transitions().get(s.transitions().size() - 1);
    }

    /** Up to connected: agent rings and answers with its offer, the customer gets it, rings and answers. */
    private void connect() {
        assertEquals(List.of(new Invite(Leg.AGENT, null)), call.start(at(0)).actions());
        assertEquals(Step.NOTHING, call.response(Leg.AGENT, 100, "Trying", null, at(0)));
        assertEquals(List.of(CallState.AGENT_RINGING), states(call.response(Leg.AGENT, 180, "Ringing", null, at(1))));
        Step answered = call.response(Leg.AGENT, 200, "OK", OFFER, at(3));
        assertEquals(List.of(new Invite(Leg.CUSTOMER, OFFER)), answered.actions(), "the customer gets the agent's offer");
        assertEquals(List.of(CallState.AGENT_ANSWERED), states(answered));
        assertEquals(List.of(CallState.CUSTOMER_RINGING), states(call.response(Leg.CUSTOMER, 183, "Session Progress",
                null, at(4))));
        Step connected = call.response(Leg.CUSTOMER, 200, "OK", ANSWER, at(9));
        assertEquals(List.of(new Ack(Leg.CUSTOMER, null), new Ack(Leg.AGENT, ANSWER)), connected.actions(),
                "the customer's ACK first, then the agent's with the customer's answer");
        assertEquals(List.of(CallState.CONNECTED), states(connected));
        assertFalse(call.done());
    }

    @Test
    void theAgentHangingUpEndsTheCustomersLeg() {
        connect();
        assertEquals(Step.NOTHING, call.response(Leg.AGENT, 200, "OK", OFFER, at(10)), "a retransmitted 200");
        Step bye = call.bye(Leg.AGENT, at(60));
        assertEquals(List.of(new Bye(Leg.CUSTOMER)), bye.actions());
        assertEquals(CallState.ENDED, last(bye).state());
        assertEquals("agent-hung-up", last(bye).cause());
        assertTrue(call.done());
    }

    @Test
    void theCustomerHangingUpEndsTheAgentsLeg() {
        connect();
        Step bye = call.bye(Leg.CUSTOMER, at(60));
        assertEquals(List.of(new Bye(Leg.AGENT)), bye.actions());
        assertEquals("customer-hung-up", last(bye).cause());
        assertEquals(Step.NOTHING, call.bye(Leg.AGENT, at(61)), "the agent's BYE crossing ours changes nothing");
    }

    @Test
    void challengesAreAnsweredTwiceThenTheCredentialsAreTakenForRefused() {
        call.start(at(0));
        assertEquals(List.of(new Authenticate(Leg.AGENT)), call.response(Leg.AGENT, 401, "Unauthorized", null, at(0))
                .actions());
        assertEquals(List.of(new Authenticate(Leg.AGENT)), call.response(Leg.AGENT, 407, "Proxy Authentication"
                + " Required", null, at(0)).actions());
        Step refused = call.response(Leg.AGENT, 401, "Unauthorized", null, at(0));
        assertEquals(List.of(), refused.actions());
        assertEquals(CallState.FAILED, last(refused).state());
        assertEquals("pbx-auth-refused", last(refused).cause());
        assertTrue(call.done());
    }

    @Test
    void theCustomersLegIsChallengedOnItsOwn() {
        call.start(at(0));
        call.response(Leg.AGENT, 200, "OK", OFFER, at(1));
        assertEquals(List.of(new Authenticate(Leg.CUSTOMER)), call.response(Leg.CUSTOMER, 407, "Proxy Authentication"
                + " Required", null, at(1)).actions());
        assertEquals(List.of(CallState.CONNECTED), states(call.response(Leg.CUSTOMER, 200, "OK", ANSWER, at(2))));
    }

    @Test
    void aBusyOrRejectingAgentFailsTheCallWithNothingToSend() {
        call.start(at(0));
        call.response(Leg.AGENT, 180, "Ringing", null, at(1));
        Step busy = call.response(Leg.AGENT, 486, "Busy Here", null, at(2));
        assertEquals(List.of(), busy.actions());
        assertEquals("agent-busy", last(busy).cause());
        assertEquals("the agent's leg: 486 Busy Here", last(busy).detail());
        assertTrue(call.done());

        ThirdPartyCall rejected = new ThirdPartyCall(8, TIMING);
        rejected.start(at(0));
        assertEquals("agent-rejected", last(rejected.response(Leg.AGENT, 603, "Decline", null, at(1))).cause());
    }

    @Test
    void aBusyCustomerGetsTheAgentsLegAckedDecliningItsOfferThenClosed() {
        call.start(at(0));
        call.response(Leg.AGENT, 200, "OK", OFFER, at(1));
        Step busy = call.response(Leg.CUSTOMER, 486, "Busy Here", null, at(2));
        assertEquals(List.of(new Ack(Leg.AGENT, Sdp.declining(OFFER)), new Bye(Leg.AGENT)), busy.actions());
        assertEquals(CallState.FAILED, last(busy).state());
        assertEquals("customer-busy", last(busy).cause());
        assertTrue(Sdp.declining(OFFER).contains("m=audio 0 RTP/AVP 0"), Sdp.declining(OFFER));
        assertTrue(call.done());
    }

    @Test
    void aCustomerWhoDoesNotAnswerIsCancelledAtTheRingTime() {
        call.start(at(0));
        call.response(Leg.AGENT, 200, "OK", OFFER, at(1));
        call.response(Leg.CUSTOMER, 180, "Ringing", null, at(2));
        assertEquals(Step.NOTHING, call.tick(at(25)));
        Step late = call.tick(at(26));
        assertEquals(List.of(new Cancel(Leg.CUSTOMER), new Ack(Leg.AGENT, Sdp.declining(OFFER)), new Bye(Leg.AGENT)),
                late.actions());
        assertEquals("customer-no-answer", last(late).cause());
        assertFalse(call.done(), "the CANCEL's 487 is still to come");
        assertEquals(Step.NOTHING, call.response(Leg.CUSTOMER, 487, "Request Terminated", null, at(26)));
        assertTrue(call.done());
    }

    @Test
    void anAgentWhoDoesNotAnswerIsCancelledAndA200CrossingTheCancelIsAckedAndClosed() {
        call.start(at(0));
        call.response(Leg.AGENT, 180, "Ringing", null, at(1));
        Step late = call.tick(at(20));
        assertEquals(List.of(new Cancel(Leg.AGENT)), late.actions());
        assertEquals("agent-no-answer", last(late).cause());
        Step crossed = call.response(Leg.AGENT, 200, "OK", OFFER, at(20));
        assertEquals(List.of(new Ack(Leg.AGENT, Sdp.declining(OFFER)), new Bye(Leg.AGENT)), crossed.actions());
        assertEquals(List.of(), crossed.transitions(), "no customer is invited");
        assertTrue(call.done());
    }

    @Test
    void aPbxThatNeverRespondsIsUnreachable() {
        call.start(at(0));
        assertEquals(Step.NOTHING, call.tick(at(3)));
        Step silent = call.tick(at(4));
        assertEquals(List.of(new Abandon(Leg.AGENT)), silent.actions());
        assertEquals("pbx-unreachable", last(silent).cause());
        assertTrue(call.done());
    }

    @Test
    void theStacksTimeoutOnTheCustomersLegClosesTheAgents() {
        call.start(at(0));
        call.response(Leg.AGENT, 200, "OK", OFFER, at(1));
        call.response(Leg.CUSTOMER, 100, "Trying", null, at(1));
        Step t = call.timeout(Leg.CUSTOMER, "transaction timeout", at(2));
        assertEquals(List.of(new Ack(Leg.AGENT, Sdp.declining(OFFER)), new Bye(Leg.AGENT)), t.actions());
        assertEquals("customer-no-answer", last(t).cause());
    }

    @Test
    void theAgentHangingUpWhileTheCustomerRingsCancelsTheCustomer() {
        call.start(at(0));
        call.response(Leg.AGENT, 200, "OK", OFFER, at(1));
        call.response(Leg.CUSTOMER, 180, "Ringing", null, at(2));
        Step bye = call.bye(Leg.AGENT, at(5));
        assertEquals(List.of(new Cancel(Leg.CUSTOMER)), bye.actions());
        assertEquals(CallState.FAILED, last(bye).state());
        assertEquals("agent-hung-up", last(bye).cause());
    }

    @Test
    void stoppingEndsBothLegsOfAConnectedCall() {
        connect();
        Step stop = call.hangUp("hub-stopped", "the hub stopped", at(30));
        assertEquals(List.of(new Bye(Leg.AGENT), new Bye(Leg.CUSTOMER)), stop.actions());
        assertEquals(CallState.ENDED, last(stop).state());
        assertEquals("hub-stopped", last(stop).cause());
        assertTrue(call.done());
    }

    @Test
    void anInviteWithoutAnyResponseIsCancelledOnlyOnceItHasOne() {
        call.start(at(0));
        Step stop = call.hangUp("hub-stopped", "the hub stopped", at(1));
        assertEquals(List.of(), stop.actions(), "no CANCEL before a provisional response (RFC 3261 9.1)");
        assertEquals(CallState.FAILED, last(stop).state());
        assertEquals(List.of(new Cancel(Leg.AGENT)), call.response(Leg.AGENT, 180, "Ringing", null, at(1)).actions());
        assertEquals(Step.NOTHING, call.response(Leg.AGENT, 487, "Request Terminated", null, at(1)));
        assertTrue(call.done());
    }

    @Test
    void anAnswerWithoutSdpCannotBeJoined() {
        call.start(at(0));
        Step noOffer = call.response(Leg.AGENT, 200, "OK", null, at(1));
        assertEquals(List.of(new Ack(Leg.AGENT, null), new Bye(Leg.AGENT)), noOffer.actions());
        assertEquals("agent-unavailable", last(noOffer).cause());
    }

    @Test
    void statusCodesMapToCauses() {
        assertEquals("agent-busy", ThirdPartyCall.agentCause(600));
        assertEquals("agent-no-answer", ThirdPartyCall.agentCause(480));
        assertEquals("agent-no-answer", ThirdPartyCall.agentCause(408));
        assertEquals("agent-unavailable", ThirdPartyCall.agentCause(404));
        assertEquals("pbx-auth-refused", ThirdPartyCall.agentCause(403));
        assertEquals("customer-busy", ThirdPartyCall.customerCause(486));
        assertEquals("customer-rejected", ThirdPartyCall.customerCause(603));
        assertEquals("customer-no-answer", ThirdPartyCall.customerCause(480));
        assertEquals("customer-unreachable", ThirdPartyCall.customerCause(404));
        assertEquals("customer-unreachable", ThirdPartyCall.customerCause(503));
    }

    @Test
    void theCustomersRingTimeStaysBelowTheAgentPhonesAckTimer() {
        assertThrows(IllegalArgumentException.class, () -> new ThirdPartyCall.Timing(Duration.ofSeconds(30),
                Duration.ofSeconds(31), Duration.ofSeconds(4)));
    }
}
