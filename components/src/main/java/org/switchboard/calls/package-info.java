/**
 * Click-to-call: the PBX rings the agent's phone, then dials the customer. A call is a row of {@code call} with its
 * state history ({@link org.switchboard.calls.CallStore}); each way of placing calls ({@code ami/}: Asterisk's
 * Manager Interface; {@code sip/}: SIP third-party call control) is a {@link org.switchboard.calls.ClickToCall} that reports
 * the call's states to a {@link org.switchboard.calls.CallListener}.
 */
package org.switchboard.calls;
