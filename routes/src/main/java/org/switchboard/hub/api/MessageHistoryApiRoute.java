package org.switchboard.hub.api;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.contacts.ContactFilter;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.HistoryItem;
import org.switchboard.store.HistoryPage;
import org.switchboard.store.HistoryQuery;
import org.switchboard.store.MessageHistory;

/**
 * {@code GET /api/messages?number=&name=&text=&since=&until=&status=&direction=&attr.KEY=VALUE&offset=&limit=}: the
 * sending history, inbound and outbound SMS newest first, with the contact's name and attributes (the trail of one
 * message is HttpApiRoute's {@code /api/messages/ID/hops}).
 */
public final class MessageHistoryApiRoute extends HttpRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final String ATTRIBUTE = "attr.";
    private static final Set<String> PARAMETERS = Set.of("number", "name", "text", "since", "until", "status",
            "direction", "offset", "limit");
    private static final Set<String> STATUSES = Set.of("HELD", "PENDING", "SENDING", "SENT", "FAILED", "CANCELLED",
            "RECEIVED", "EMAILED", "EMAIL_FAILED");

    private final MessageHistory history;
    private final PhoneNumbers numbers;
    private final ZoneId zone;

    /** @param zone where a date or time without an offset in since/until is read */
    public MessageHistoryApiRoute(MessageHistory history, PhoneNumbers numbers, ZoneId zone) {
        this.history = history;
        this.numbers = numbers;
        this.zone = zone;
    }

    @Override
    public void configure() {
        RestDefinition rest = rest("/api/messages").tag("history")
                .get().routeId("http-messages").security(SIGNED_IN)
                .description("The sending history: inbound and outbound SMS, newest first, with the contact's name and"
                        + " attributes; the filters combine, and an unknown parameter is refused");
        query(rest, "number", "a whole number (exact) or part of one (digits anywhere), or a sender name", "0812");
        query(rest, "name", "part of the contact's name, case-insensitive", "budi");
        query(rest, "text", "part of the text, case-insensitive", "ujian");
        query(rest, "since", "ISO-8601 date or time (a date alone: the start of that day in the hub's zone)",
                "2026-11-01");
        query(rest, "until", "ISO-8601 date or time (a date alone: the whole day included)", "2026-11-30");
        query(rest, "status", "statuses, comma-separated: " + String.join(", ", new java.util.TreeSet<>(STATUSES)),
                "FAILED");
        query(rest, "direction", "in or out", "out");
        query(rest, "attr.KEY", "a contact attribute's value, e.g. attr.school=SMA N 1 Yogyakarta", "IPA");
        query(rest, "offset", "rows to skip", "0");
        query(rest, "limit", "rows, 1 to " + MAX_LIMIT + " (" + DEFAULT_LIMIT + ")", "50");
        rest.responseMessage("200", "total, offset, limit and the items")
                .responseMessage("400", "a bad or unknown parameter, bad text")
                .to("direct:http-messages");
        from("direct:http-messages").process(this::search);
    }

    private static void query(RestDefinition rest, String name, String description, String example) {
        rest.param().name(name).type(RestParamType.query).required(false).description(description).example(example)
                .endParam();
    }

    private void search(Exchange exchange) throws Exception {
        Map<String, String> query = ApiRequests.query(exchange);
        ApiRequests.onlyKnown(query, PARAMETERS, ATTRIBUTE);
        int limit = ApiRequests.number(query, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        HistoryQuery q = HistoryQuery.all(limit).page(ApiRequests.number(query, "offset", 0, Integer.MAX_VALUE, 0), limit);
        String number = blankToNull(query.get("number"));
        if (number != null) {
            q = number(q, number);
        }
        q = q.withName(blankToNull(query.get("name"))).withText(blankToNull(query.get("text")))
                .between(ApiRequests.time(query, "since", zone, false), ApiRequests.time(query, "until", zone, true));
        if (q.since() != null && q.until() != null && !q.since().isBefore(q.until())) {
            throw ApiException.badRequest("bad period", "since (" + q.since() + ") must be before until (" + q.until() + ")");
        }
        String direction = blankToNull(query.get("direction"));
        if (direction != null) {
            direction = direction.toLowerCase(Locale.ROOT);
            if (!direction.equals(HistoryQuery.IN) && !direction.equals(HistoryQuery.OUT)) {
                throw ApiException.badRequest("bad direction", "direction is in or out: " + query.get("direction"));
            }
            q = q.withDirection(direction);
        }
        q = q.withStatuses(statuses(query.get("status")));
        Map<String, String> attributes = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (k.startsWith(ATTRIBUTE)) {
                attributes.put(k.substring(ATTRIBUTE.length()), v);
            }
        });
        if (!attributes.isEmpty()) {
            // Names and values as the contact store keeps them ("Graduation Year" is graduation_year).
            q = q.withAttributes(ContactFilter.of(attributes).criteria());
        }
        HistoryPage page = history.search(q);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", page.total());
        out.put("offset", page.offset());
        out.put("limit", page.limit());
        List<Map<String, Object>> items = new ArrayList<>();
        for (HistoryItem i : page.items()) {
            items.add(item(i));
        }
        out.put("items", items);
        JsonReply.send(exchange, 200, out);
    }

    /** A whole number matches exactly; part of one (digits as typed) anywhere; anything else (BANK) as a sender name. */
    private HistoryQuery number(HistoryQuery q, String number) {
        Optional<String> e164 = numbers.tryE164(number);
        if (e164.isPresent()) {
            return q.withNumber(e164.get());
        }
        if (number.matches("[0-9+()\\s.-]+")) {
            String digits = number.replaceAll("\\D", "");
            // 0812... is written nationally; stored numbers are +62812...
            return q.withDigits(digits.replaceFirst("^0+", ""));
        }
        return q.withNumber(number.strip());
    }

    private static Set<String> statuses(String raw) {
        Set<String> out = new LinkedHashSet<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String s : raw.split(",")) {
            String status = s.strip().toUpperCase(Locale.ROOT);
            if (status.isEmpty()) {
                continue;
            }
            if (!STATUSES.contains(status)) {
                throw ApiException.badRequest("bad status", "unknown status " + s.strip() + "; known: "
                        + String.join(", ", new java.util.TreeSet<>(STATUSES)));
            }
            out.add(status);
        }
        return out;
    }

    static Map<String, Object> item(HistoryItem i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", i.id());
        out.put("direction", i.direction());
        out.put("number", i.number());
        out.put("name", i.name());
        out.put("text", i.text());
        out.put("at", i.at() == null ? null : i.at().toString());
        out.put("status", i.status());
        out.put("error", i.error());
        out.put("delivery", i.delivery());
        out.put("modem", i.modem());
        out.put("attributes", i.attributes());
        out.put("broadcast", i.broadcast());
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
