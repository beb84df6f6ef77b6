/**
 * The hub's JAIN-SIP stack, one per listening address, shared by whatever speaks SIP there: the {@code sip:}
 * component's NOTIFY consumer and subscriptions today, calls placed by the hub tomorrow. Each user is a {@link
 * org.switchboard.sip.stack.SipHandler}; the stack hands it the requests it takes and the answers to what it sent.
 */
package org.switchboard.sip.stack;
