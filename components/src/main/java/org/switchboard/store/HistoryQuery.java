package org.switchboard.store;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a history search asks for; every criterion is optional (null or empty: no condition) and they all must hold.
 *
 * @param number      the contact's number, E.164, matched exactly
 * @param digits      part of a number (digits only, as typed), matched anywhere in it; for when the input is no whole number
 * @param name        part of the contact's name, case-insensitive, taken literally ({@code %} and {@code _} too)
 * @param text        part of the text, likewise
 * @param since       at or after (inbound: received; outbound: queued)
 * @param until       before
 * @param statuses    any of these statuses (see {@link HistoryItem#status})
 * @param direction   "in" or "out"
 * @param attributes  the contact's attributes must contain these pairs (names and values as stored)
 * @param offset      rows to skip, newest first
 * @param limit       rows to return at most
 */
public record HistoryQuery(String number, String digits, String name, String text, OffsetDateTime since,
        OffsetDateTime until, Set<String> statuses, String direction, Map<String, String> attributes, int offset,
        int limit) {

    public static final String IN = "in";
    public static final String OUT = "out";

    public HistoryQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
        if (direction != null && !direction.equals(IN) && !direction.equals(OUT)) {
            throw new IllegalArgumentException("direction must be \"in\" or \"out\": " + direction);
        }
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    /** Everything, newest first, {@code limit} at a time. */
    public static HistoryQuery all(int limit) {
        return new HistoryQuery(null, null, null, null, null, null, Set.of(), null, Map.of(), 0, limit);
    }

    public HistoryQuery withNumber(String e164) {
        return new HistoryQuery(e164, digits, name, text, since, until, statuses, direction, attributes, offset, limit);
    }

    public HistoryQuery withDigits(String part) {
        return new HistoryQuery(number, part, name, text, since, until, statuses, direction, attributes, offset, limit);
    }

    public HistoryQuery withName(String part) {
        return new HistoryQuery(number, digits, part, text, since, until, statuses, direction, attributes, offset, limit);
    }

    public HistoryQuery withText(String part) {
        return new HistoryQuery(number, digits, name, part, since, until, statuses, direction, attributes, offset, limit);
    }

    public HistoryQuery between(OffsetDateTime from, OffsetDateTime before) {
        return new HistoryQuery(number, digits, name, text, from, before, statuses, direction, attributes, offset, limit);
    }

    public HistoryQuery withStatuses(Set<String> any) {
        return new HistoryQuery(number, digits, name, text, since, until, any, direction, attributes, offset, limit);
    }

    public HistoryQuery withDirection(String inOrOut) {
        return new HistoryQuery(number, digits, name, text, since, until, statuses, inOrOut, attributes, offset, limit);
    }

    public HistoryQuery withAttributes(Map<String, String> pairs) {
        return new HistoryQuery(number, digits, name, text, since, until, statuses, direction, pairs, offset, limit);
    }

    public HistoryQuery page(int skip, int max) {
        return new HistoryQuery(number, digits, name, text, since, until, statuses, direction, attributes, skip, max);
    }
}
