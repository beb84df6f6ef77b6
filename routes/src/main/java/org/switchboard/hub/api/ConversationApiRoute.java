package org.switchboard.hub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.ConversationTimeline;

/**
 * {@code GET /api/conversations/{number}}: one customer's timeline, their SMS both ways (with the email each inbound
 * one became and each outbound one's delivery), the calls to them and the voicemails they left, oldest first, with
 * the contact's name, attributes and opt-out.
 */
public final class ConversationApiRoute extends HttpRoutes {
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;

    private final ConversationTimeline timeline;
    private final PhoneNumbers numbers;

    public ConversationApiRoute(ConversationTimeline timeline, PhoneNumbers numbers) {
        this.timeline = timeline;
        this.numbers = numbers;
    }

    @Override
    public void configure() {
        rest("/api/conversations/{number}").tag("history")
                .get().routeId("http-conversation").security(SIGNED_IN)
                .description("One number's timeline, oldest first: sms-in (status RECEIVED, EMAILED or EMAIL_FAILED;"
                        + " details: emailMessageId, emailedAt, channel, optOutKeyword), sms-out (status PENDING,"
                        + " SENT, FAILED...; details: delivery, deliveredAt, error, requestedBy), call (status: its"
                        + " state; details: agent, cause, durationSeconds) and voicemail (Asterisk's voicemail mails"
                        + " whose caller is the number); with the contact (name, attributes, opt-out). The latest"
                        + " limit events; more says whether older ones were left out")
                .param().name("number").type(RestParamType.path).description("the number, in any notation")
                        .example("+6281234567890").endParam()
                .param().name("limit").type(RestParamType.query).required(false)
                        .description("events, 1 to " + MAX_LIMIT + " (" + DEFAULT_LIMIT + ")").example("200").endParam()
                .responseMessage("200", "{\"contact\": {\"number\", \"name\", \"attributes\", \"optedOut\"},"
                        + " \"events\": [{\"kind\", \"id\", \"at\", \"text\", \"status\", \"details\"}, ...],"
                        + " \"more\"}")
                .responseMessage("400", "not a phone number, a bad limit")
                .to("direct:http-conversation");
        from("direct:http-conversation").process(this::timeline);
    }

    private void timeline(Exchange exchange) throws Exception {
        Map<String, String> query = ApiRequests.query(exchange);
        ApiRequests.onlyKnown(query, Set.of("limit"), null);
        int limit = ApiRequests.number(query, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        String given = ApiRequests.pathParameter(exchange, "number");
        String e164 = numbers.tryE164(given).orElseThrow(() -> ApiException.badRequest("not a phone number",
                given + " (a conversation is a phone number's; a sender name such as BANK has none)"));
        ConversationTimeline.Timeline t = timeline.of(e164, numbers.nationalDigits(e164).orElse(null), limit);
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("number", t.contact().number());
        contact.put("name", t.contact().name());
        contact.put("attributes", t.contact().attributes());
        contact.put("optedOut", t.contact().optOutKeyword() != null);
        contact.put("optOutKeyword", t.contact().optOutKeyword());
        contact.put("optedOutAt", t.contact().optedOutAt() == null ? null : t.contact().optedOutAt().toString());
        List<Map<String, Object>> events = new ArrayList<>();
        for (ConversationTimeline.Event e : t.events()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", e.kind());
            row.put("id", e.id());
            row.put("at", e.at() == null ? null : e.at().toString());
            row.put("text", e.text());
            row.put("status", e.status());
            row.put("details", e.details());
            events.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("contact", contact);
        out.put("events", events);
        out.put("more", t.more());
        JsonReply.send(exchange, 200, out);
    }
}
