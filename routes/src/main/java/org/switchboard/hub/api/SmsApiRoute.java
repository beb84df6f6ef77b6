package org.switchboard.hub.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.channel.PartCounter;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.StoredOutbound;

/**
 * {@code POST /api/sms} {"to": "+62..." or ["...", ...], "text": "..."}: one SMS per valid number, queued like a staff
 * email's reply (the single-SMS lane, ahead of broadcasts) and journalled with the API user as its sender. Answers 202
 * with what was accepted and what was not, number by number; 400 when nothing was. With an {@code Idempotency-Key}
 * header, the same request sent again queues nothing more and answers with the SMS stored the first time.
 */
public final class SmsApiRoute extends HttpRoutes {
    /** More numbers than this in one request is a broadcast: use one, with its preview and report. */
    static final int MAX_RECIPIENTS = 1000;
    private static final String ROUTE = "http-sms";
    private static final String EXAMPLE = "{\"to\": [\"+6281234567890\", \"0812 3456 7891\"], \"text\": \"...\"}";

    private final MessageStore store;
    private final PhoneNumbers numbers;
    private final PartCounter partCounter;
    private final int maxParts;

    /**
     * @param partCounter how many parts a text takes on the channels that would carry it
     * @param maxParts    the most SMS parts one text may take, as for a staff email's reply
     */
    public SmsApiRoute(MessageStore store, PhoneNumbers numbers, PartCounter partCounter, int maxParts) {
        this.store = store;
        this.numbers = numbers;
        this.partCounter = partCounter;
        this.maxParts = maxParts;
    }

    /** One number of the request that will be queued; {@code stored} is filled in when it is. */
    static final class Recipient {
        final String given;
        final String e164;
        final String text;
        final String sourceRef;
        final String user;
        StoredOutbound stored;

        Recipient(String given, String e164, String text, String sourceRef, String user) {
            this.given = given;
            this.e164 = e164;
            this.text = text;
            this.sourceRef = sourceRef;
            this.user = user;
        }
    }

    @Override
    public void configure() {
        rest("/api/sms").tag("sms")
                .post().routeId(ROUTE).security(SIGNED_IN)
                .description("Send one SMS to one or several numbers (any notation; each invalid one is reported and the"
                        + " rest still go), ahead of broadcasts")
                .consumes("application/json")
                .param().name("body").type(RestParamType.body).required(true).example("application/json", EXAMPLE)
                        .description("to: a number or a list of at most " + MAX_RECIPIENTS + "; text: the SMS").endParam()
                .param().name("Idempotency-Key").type(RestParamType.header).required(false)
                        .description("the same request sent again with it queues nothing more (at most 200"
                                + " characters)").endParam()
                .responseMessage("202", "queued: accepted (to, number, id, parts) and rejected (to, error) number by"
                        + " number")
                .responseMessage("400", "no text, no valid recipient, too long for " + "switchboard.reply.max-parts,"
                        + " bad text")
                .responseMessage("413", "body over 256 KiB")
                .to("direct:" + ROUTE);
        from("direct:" + ROUTE)
                .process(this::read)
                .split(exchangeProperty("recipients"))
                    .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.OUTBOUND_SMS.value()))
                    .step(Journal.stepId(ROUTE, "sms-stored")).process(this::store).end()
                .end()
                .process(this::answer);
    }

    private void read(Exchange exchange) throws Exception {
        JsonNode body = ApiRequests.jsonObject(exchange, EXAMPLE);
        String text = ApiRequests.text(body, "text");
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("no text", "give the SMS as \"text\": " + EXAMPLE);
        }
        JsonNode to = body.get("to");
        List<JsonNode> given = new ArrayList<>();
        if (to != null && to.isArray()) {
            to.forEach(given::add);
        } else if (to != null && !to.isNull()) {
            given.add(to);
        }
        if (given.isEmpty()) {
            throw ApiException.badRequest("no recipient", "give one number or a list as \"to\": " + EXAMPLE);
        }
        if (given.size() > MAX_RECIPIENTS) {
            throw ApiException.badRequest("too many recipients", given.size() + " numbers; at most " + MAX_RECIPIENTS
                    + " per request: for more, send a broadcast (POST /api/broadcasts)");
        }
        String user = ApiRequests.user(exchange);
        String key = Optional.ofNullable(ApiRequests.header(exchange, "Idempotency-Key"))
                .map(String::strip).filter(k -> !k.isEmpty()).orElse(null);
        if (key != null && key.length() > 200) {
            throw ApiException.badRequest("bad Idempotency-Key", "at most 200 characters");
        }
        List<Recipient> accepted = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Integer parts = null;
        for (JsonNode n : given) {
            String number = n.isTextual() ? n.asText() : n.toString();
            if (!n.isTextual()) {
                rejected.add(rejection(number, "a number must be given as a text, e.g. \"+6281234567890\""));
                continue;
            }
            Optional<String> e164 = numbers.tryE164(number);
            if (e164.isEmpty()) {
                rejected.add(rejection(number, "not a phone number"));
                continue;
            }
            if (!seen.add(e164.get())) {
                rejected.add(rejection(number, "listed twice: " + e164.get() + " gets one SMS"));
                continue;
            }
            if (parts == null) {
                parts = parts(e164.get(), text);
            }
            accepted.add(new Recipient(number, e164.get(), text, key == null ? null
                    : "api:" + user + ":" + key + ":" + e164.get(), user));
        }
        exchange.setProperty("rejected", rejected);
        if (accepted.isEmpty()) {
            throw ApiException.badRequest("no valid recipient", "none of the " + given.size()
                    + " number(s) can be sent to").with("accepted", List.of()).with("rejected", rejected);
        }
        exchange.setProperty("parts", parts);
        exchange.setProperty("recipients", accepted);
    }

    private int parts(String e164, String text) {
        int parts;
        try {
            parts = partCounter.parts(e164, text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the text cannot be sent as SMS", e.getMessage());
        }
        if (parts > maxParts) {
            throw ApiException.badRequest("the text is too long", "it takes " + parts + " SMS parts; at most "
                    + maxParts + " (switchboard.reply.max-parts)");
        }
        return parts;
    }

    private void store(Exchange exchange) {
        Recipient r = exchange.getIn().getBody(Recipient.class);
        r.stored = store.storeOutbound(new NewOutbound(r.e164, r.text, NewOutbound.SOURCE_API, r.sourceRef, r.user));
        exchange.setProperty(Journal.MESSAGE_ID, r.stored.id());
        exchange.setProperty(Journal.DETAIL, "to " + r.e164 + " from API user " + r.user
                + (r.sourceRef == null ? "" : " (Idempotency-Key)") + (r.stored.duplicate() ? ", already stored" : ""));
    }

    @SuppressWarnings("unchecked")
    private void answer(Exchange exchange) throws Exception {
        List<Map<String, Object>> accepted = new ArrayList<>();
        for (Recipient r : (List<Recipient>) exchange.getProperty("recipients", List.class)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("to", r.given);
            item.put("number", r.e164);
            item.put("id", "out-" + r.stored.id());
            item.put("parts", exchange.getProperty("parts"));
            if (r.stored.duplicate()) {
                item.put("duplicate", true);
            }
            accepted.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", accepted);
        out.put("rejected", exchange.getProperty("rejected"));
        JsonReply.send(exchange, 202, out);
    }

    private static Map<String, Object> rejection(String to, String error) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("to", to);
        out.put("error", error);
        return out;
    }
}
