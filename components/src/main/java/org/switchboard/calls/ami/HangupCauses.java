package org.switchboard.calls.ami;

import org.switchboard.calls.CallCause;

/**
 * What the PBX's words for a failed leg mean for the person who asked: Q.850 cause codes (Asterisk's Hangup
 * {@code Cause}), Dial's {@code DialStatus} (DialEnd) and the {@code Reason} of a failed OriginateResponse (the last
 * control frame Asterisk read from the agent's channel).
 */
final class HangupCauses {
    private HangupCauses() {
    }

    /** The agent's phone did not answer, by Q.850 cause; null when the code says nothing specific (16, 0). */
    static String agent(int q850) {
        return switch (q850) {
            case 17 -> CallCause.AGENT_BUSY;
            case 18, 19 -> CallCause.AGENT_NO_ANSWER;
            case 21 -> CallCause.AGENT_REJECTED;
            case 1, 3, 20, 27, 28, 34, 38, 41, 42, 58, 66, 88, 102, 111, 127 -> CallCause.AGENT_UNAVAILABLE;
            default -> null;
        };
    }

    /** The customer's leg failed, by Q.850 cause. */
    static String customer(int q850) {
        return switch (q850) {
            case 17 -> CallCause.CUSTOMER_BUSY;
            case 18, 19 -> CallCause.CUSTOMER_NO_ANSWER;
            case 21 -> CallCause.CUSTOMER_REJECTED;
            // 16 before an answer: the far end cleared the call while it was being set up
            default -> CallCause.CUSTOMER_UNREACHABLE;
        };
    }

    /**
     * A failed asynchronous Originate's Reason: 0 the channel could not even be created (no such endpoint, not
     * registered), 1 hung up, 3 rang until the timeout, 5 busy, 8 congestion.
     */
    static String originateReason(int reason) {
        return switch (reason) {
            case 1 -> CallCause.AGENT_REJECTED;
            case 3 -> CallCause.AGENT_NO_ANSWER;
            case 5 -> CallCause.AGENT_BUSY;
            default -> CallCause.AGENT_UNAVAILABLE;
        };
    }

    /** Dial's end for the customer's leg, other than ANSWER (null: not a failure of the customer's leg). */
    static String dialStatus(String status) {
        return switch (status == null ? "" : status.toUpperCase(java.util.Locale.ROOT)) {
            case "BUSY" -> CallCause.CUSTOMER_BUSY;
            case "NOANSWER" -> CallCause.CUSTOMER_NO_ANSWER;
            case "CHANUNAVAIL", "CONGESTION" -> CallCause.CUSTOMER_UNREACHABLE;
            case "DONTCALL", "TORTURE" -> CallCause.CUSTOMER_REJECTED;
            // the calling channel (the agent's) hung up before the customer answered
            case "CANCEL" -> CallCause.AGENT_HUNG_UP;
            case "INVALIDARGS" -> CallCause.DIALPLAN_ERROR;
            default -> null;
        };
    }
}
