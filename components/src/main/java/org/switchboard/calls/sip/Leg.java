package org.switchboard.calls.sip;

/** One of the two SIP dialogs the hub holds for a click-to-call. */
public enum Leg {
    AGENT, CUSTOMER;

    String text() {
        return this == AGENT ? "agent" : "customer";
    }
}
