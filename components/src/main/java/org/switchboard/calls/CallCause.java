package org.switchboard.calls;

/**
 * Why a call ended or failed, as the API shows it and {@code call.cause} holds: one word per thing a caller can act
 * on (the PBX is down, the agent is busy, the customer's number does not answer), not the PBX's own codes, which go
 * with it as {@code cause_code} (ITU-T Q.850, as Asterisk's Hangup events give them).
 */
public final class CallCause {
    /** The PBX's manager port does not answer (refused, timed out, dropped before its banner). */
    public static final String PBX_UNREACHABLE = "pbx-unreachable";
    /** The PBX answered but refused the hub's manager login (switchboard.calls.ami.user / password). */
    public static final String AMI_LOGIN_REFUSED = "ami-login-refused";
    /** The PBX refused the Originate itself (no such context or extension, no permission). */
    public static final String ORIGINATE_REFUSED = "originate-refused";
    /** The manager connection dropped while the call was under way: what happened next is not known here. */
    public static final String CONNECTION_LOST = "ami-connection-lost";
    /** The hub node that followed the call started again: its events were lost with the old session. */
    public static final String HUB_RESTARTED = "hub-restarted";
    /** The PBX never said how the call went within the agent's ring time and a margin. */
    public static final String NO_WORD_FROM_PBX = "no-word-from-pbx";
    public static final String AGENT_BUSY = "agent-busy";
    public static final String AGENT_NO_ANSWER = "agent-no-answer";
    public static final String AGENT_REJECTED = "agent-rejected";
    /** The agent's phone could not be reached: not registered, no such endpoint, congestion. */
    public static final String AGENT_UNAVAILABLE = "agent-unavailable";
    /** The agent hung up: before the customer answered (failed), or after they spoke (ended). */
    public static final String AGENT_HUNG_UP = "agent-hung-up";
    public static final String CUSTOMER_BUSY = "customer-busy";
    public static final String CUSTOMER_NO_ANSWER = "customer-no-answer";
    public static final String CUSTOMER_REJECTED = "customer-rejected";
    /** The customer's number could not be reached: unassigned, switched off, no route, the trunk's congestion. */
    public static final String CUSTOMER_UNREACHABLE = "customer-unreachable";
    public static final String CUSTOMER_HUNG_UP = "customer-hung-up";
    /** The PBX (or trunk) refused the hub's SIP digest credentials (switchboard.calls.sip.user / password). */
    public static final String PBX_AUTH_REFUSED = "pbx-auth-refused";
    /** The hub ended the call itself: it was stopping, and left both legs (SIP third-party call control). */
    public static final String HUB_STOPPED = "hub-stopped";
    /** The PBX's dialplan could not dial the customer (Dial's INVALIDARGS). */
    public static final String DIALPLAN_ERROR = "dialplan-error";

    private CallCause() {
    }
}
