/**
 * The {@code sip:} Camel component: RFC 3842 message-summary NOTIFYs (voicemail waiting) from a PBX, unsolicited or
 * from subscriptions it makes, with {@link org.switchboard.sip.MessageSummary} as body. It speaks SIP through the
 * shared JAIN-SIP stack of {@link org.switchboard.sip.stack}.
 */
package org.switchboard.sip;
