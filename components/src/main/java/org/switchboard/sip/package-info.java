/**
 * The {@code sip:} Camel component: RFC 3842 message-summary NOTIFYs (voicemail waiting) from a PBX over the NIST
 * JAIN-SIP stack, unsolicited or from subscriptions it makes, with {@link org.switchboard.sip.MessageSummary} as body.
 */
package org.switchboard.sip;
