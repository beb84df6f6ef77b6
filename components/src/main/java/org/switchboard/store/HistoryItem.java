package org.switchboard.store;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One SMS in the history, inbound or outbound, with the contact it belongs to when there is one.
 *
 * @param id        "in-7" or "out-12", as the journal's API names messages
 * @param direction "in" or "out"
 * @param number    the other party: the originator of an inbound SMS (possibly alphanumeric), the recipient of an
 *                  outbound one
 * @param name      the contact's name, or null
 * @param at        inbound: when the network delivered it; outbound: when it was queued
 * @param status    outbound: HELD, PENDING, SENDING, SENT, FAILED or CANCELLED; inbound: RECEIVED (its email not yet
 *                  sent), EMAILED or EMAIL_FAILED
 * @param error     why it failed (outbound) or why its email did not go out yet (inbound), or null
 * @param delivery  outbound, sent: the status report's verdict (delivered, pending, failed), or null
 * @param modem     the modem that received or sent it, or null when none did yet
 * @param broadcast the broadcast an outbound SMS belongs to, or null
 */
public record HistoryItem(String id, String direction, String number, String name, String text, OffsetDateTime at,
        String status, String error, String delivery, String modem, Map<String, String> attributes, Long broadcast) {

    public HistoryItem {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
