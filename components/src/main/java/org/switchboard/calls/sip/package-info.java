/**
 * Click-to-call by SIP third-party call control (RFC 3725, flow I), for a PBX or trunk without Asterisk's manager: the
 * hub's own user agent invites the agent's phone, then the customer with the agent's offer, and joins the two.
 * {@link org.switchboard.calls.sip.ThirdPartyCall} is the pure state machine (events in, SIP actions and call states
 * out); {@link org.switchboard.calls.sip.SipClickToCall} carries its actions over the hub's shared JAIN-SIP stack.
 */
package org.switchboard.calls.sip;
