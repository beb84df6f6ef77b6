package org.switchboard.mo;

import java.time.OffsetDateTime;

/**
 * An inbound SMS to hand to an application, as its rule said when the SMS came: the SMS (who from, to which number,
 * its text, the channel, when), the keyword it matched, and the target (a URL and method, whether the answer is the
 * reply; or an SMPP account).
 */
public record MoDelivery(long id, int attempts, long inboundId, String ruleName, MoRule.Target target, String url,
        String method, boolean reply, String systemId, String keyword, String originator, String destination,
        String text, String channel, OffsetDateTime receivedAt) {
}
