package org.switchboard.hub.api;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.contacts.Contact;
import org.switchboard.contacts.ContactEdit;
import org.switchboard.contacts.ContactFilter;
import org.switchboard.contacts.ContactStore;
import org.switchboard.contacts.ImportReport;
import org.switchboard.contacts.NumberTakenException;
import org.switchboard.contacts.Reach;
import org.switchboard.contacts.Segment;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpErrors;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.journal.Journal;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.StoreException;

/**
 * Contacts and segments over HTTP, behind the API's credentials: {@code POST /api/contacts/import} (a CSV body; answers
 * the import report), {@code GET /api/contacts?filter=&offset=&limit=}, {@code GET|PATCH /api/contacts/ID} (a merge
 * patch of name, number and attributes; the number checked again), {@code POST /api/contacts/ID/opt-out|opt-in}
 * (journalled; an opt-out cancels the contact's held and queued broadcast SMS as a STOP does),
 * {@code GET /api/contacts/attributes} (each attribute's values, for filter choices),
 * {@code GET /api/contacts/count?filter=} (a broadcast's reach), and {@code GET|PUT|DELETE /api/segments/NAME}
 * with {@code GET /api/segments} listing them. Errors are JSON {@code {"error": ..., "detail": ...}} with a 4xx.
 */
public final class ContactsApiRoute extends RouteBuilder {
    private static final Pattern SEGMENT = Pattern.compile("^/api/segments/([^/]+)/?$");
    private static final Pattern CONTACT = Pattern.compile("^/api/contacts/(\\d{1,18})(?:/(opt-out|opt-in))?/?$");
    private static final String ROUTE = "http-contacts";
    private static final int MAX_VALUES_PER_ATTRIBUTE = 200;
    /** A contact list larger than this is refused (413): some 500,000 contacts with a few attributes each. */
    static final long MAX_CSV_BYTES = 64L * 1024 * 1024;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final String base;
    private final ContactStore contacts;
    private final SegmentStore segments;
    private final String region;
    private final ApiCredentials credentials;
    private final PhoneNumbers numbers;

    /** @param region where numbers without a country code belong, as in settings' {@code switchboard.region} */
    public ContactsApiRoute(String host, int port, ContactStore contacts, SegmentStore segments, String region,
            ApiCredentials credentials) {
        this.base = "jetty:http://" + host + ":" + port;
        this.contacts = contacts;
        this.segments = segments;
        this.region = region;
        this.numbers = new PhoneNumbers(region);
        this.credentials = credentials;
    }

    @Override
    public void configure() {
        // Whatever a handler did not answer itself: JSON, never camel-http's stack trace.
        onException(Exception.class).handled(true).process(e -> ApiRequests.answer(e,
                e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
        // Longer than HttpApiRoute's /api prefix, so camel-jetty brings these paths here: see the note there.
        from(base + "/api/contacts?matchOnUriPrefix=true").routeId(ROUTE)
                .process(e -> handle(e, this::contacts))
                .filter(exchangeProperty(Journal.MESSAGE_ID).isNotNull())
                    .setProperty(Journal.MESSAGE_KIND, constant("contact"))
                    .choice()
                        .when(exchangeProperty("optAction").isEqualTo("opt-out"))
                            .step(Journal.stepId(ROUTE, "opted-out")).process(e -> guarded(e, this::optOut)).end()
                        .endChoice()
                        .otherwise()
                            .step(Journal.stepId(ROUTE, "opted-in")).process(e -> guarded(e, this::optIn)).end()
                    .end()
                .end();
        from(base + "/api/segments?matchOnUriPrefix=true").routeId("http-segments").process(e -> handle(e, this::segments));
    }

    private interface Handler {
        void handle(Exchange exchange, String method, String path) throws Exception;
    }

    /** Credentials first; then the handler, its refusals of bad input turned into 400 and store failures into 503. */
    private void handle(Exchange exchange, Handler handler) throws Exception {
        if (credentials.admit(exchange)) {
            guarded(exchange, handler);
        }
    }

    private void guarded(Exchange exchange, Handler handler) throws Exception {
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        String path = Optional.ofNullable(exchange.getIn().getHeader(Exchange.HTTP_URI, String.class)).orElse("");
        try {
            handler.handle(exchange, method, path);
        } catch (ApiException e) {
            ApiRequests.answer(exchange, e);
        } catch (NumberTakenException e) {
            error(exchange, 409, "the number is another contact's", e.getMessage());
        } catch (IllegalArgumentException e) {
            // InvalidFilterException, InvalidCsvException, InvalidSegmentNameException, a bad number in the query
            error(exchange, 400, "bad request", e.getMessage());
        } catch (JsonProcessingException e) {
            error(exchange, 400, "the body is not valid JSON", e.getOriginalMessage());
        } catch (UncheckedIOException e) {
            error(exchange, 400, "the request body could not be read", e.getMessage());
        } catch (StoreException e) {
            HttpErrors.databaseUnavailable(exchange, e);
        }
    }

    private void contacts(Exchange exchange, String method, String path) throws Exception {
        if (path.matches("^/api/contacts/import/?$")) {
            if (!"POST".equals(method)) {
                methodNotAllowed(exchange, "POST");
                return;
            }
            String type = Optional.ofNullable(exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class)).orElse("");
            if (type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                error(exchange, 415, "send the CSV file itself as the body, not a form",
                        "e.g. curl -u admin:PASSWORD -H 'Content-Type: text/csv' --data-binary @contacts.csv " + path);
                return;
            }
            ImportReport report;
            try (InputStream body = ApiRequests.limited(exchange, MAX_CSV_BYTES);
                    Reader csv = new InputStreamReader(body == null ? InputStream.nullInputStream() : body,
                            charset(type).newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                    .onUnmappableCharacter(CodingErrorAction.REPORT))) {
                report = contacts.importCsv(csv, region);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    error(exchange, 400, "the CSV is not " + charset(type).name() + " text; nothing was imported",
                            "save it as \"CSV UTF-8\", or name its character set: Content-Type: text/csv; charset=windows-1252");
                    return;
                }
                throw e;
            }
            respond(exchange, 200, report);
        } else if (path.matches("^/api/contacts/attributes/?$")) {
            ApiRequests.requireMethod(method, path, "GET");
            respond(exchange, 200, contacts.attributeValues(MAX_VALUES_PER_ATTRIBUTE));
        } else if (path.matches("^/api/contacts/count/?$")) {
            ApiRequests.requireMethod(method, path, "GET");
            Map<String, String> query = query(exchange);
            ApiRequests.onlyKnown(query, java.util.Set.of("filter"), null);
            ContactFilter filter = ContactFilter.parse(query.get("filter"));
            Reach reach = contacts.reach(filter);
            Map<String, Object> out = new LinkedHashMap<>();
            // count: whom a broadcast to this filter would text; optedOut: whom it would skip
            out.put("count", reach.reachable());
            out.put("optedOut", reach.optedOut());
            out.put("matching", reach.contacts());
            out.put("filter", filter.describe());
            respond(exchange, 200, out);
        } else if (CONTACT.matcher(path).matches()) {
            Matcher m = CONTACT.matcher(path);
            m.matches();
            one(exchange, method, path, Long.parseLong(m.group(1)), m.group(2));
        } else if (path.matches("^/api/contacts/?$")) {
            if (!"GET".equals(method)) {
                methodNotAllowed(exchange, "GET");
                return;
            }
            Map<String, String> query = query(exchange);
            ContactFilter filter = ContactFilter.parse(query.get("filter"));
            int offset = number(query, "offset", 0, Integer.MAX_VALUE, 0);
            int limit = number(query, "limit", 0, MAX_LIMIT, DEFAULT_LIMIT);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("filter", filter.describe());
            out.put("total", contacts.count(filter));
            out.put("offset", offset);
            out.put("limit", limit);
            out.put("contacts", contacts.list(filter, offset, limit));
            respond(exchange, 200, out);
        } else {
            error(exchange, 404, "no such resource", path);
        }
    }

    private void one(Exchange exchange, String method, String path, long id, String action) throws Exception {
        Contact contact = contacts.findById(id)
                .orElseThrow(() -> ApiException.notFound("no such contact", "contact #" + id));
        if (action != null) {
            ApiRequests.requireMethod(method, path, "POST");
            exchange.setProperty("optAction", action);
            exchange.setProperty("contact", contact);
            exchange.setProperty(Journal.MESSAGE_ID, id);
            return;
        }
        switch (method) {
            case "GET" -> respond(exchange, 200, contact);
            case "PATCH" -> respond(exchange, 200, contacts.edit(id, edit(exchange))
                    .orElseThrow(() -> ApiException.notFound("no such contact", "contact #" + id)));
            default -> throw ApiRequests.methodNotAllowed(method, path, "GET, PATCH");
        }
    }

    /** The body of a PATCH read as a merge patch; every field's mistake reported at once, under "fields". */
    private ContactEdit edit(Exchange exchange) {
        JsonNode body = ApiRequests.jsonObject(exchange,
                "{\"name\": \"Budi Santoso\", \"number\": \"0812...\", \"attributes\": {\"major\": \"IPA\", \"old\": null}}");
        Map<String, String> fields = new LinkedHashMap<>();
        boolean setName = false;
        String name = null;
        String number = null;
        Map<String, String> set = new LinkedHashMap<>();
        java.util.Set<String> removed = new java.util.TreeSet<>();
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "name" -> {
                    setName = true;
                    if (v.isNull()) {
                        name = null;
                    } else if (v.isTextual()) {
                        name = ContactFilter.attributeValue(v.asText());
                        name = name.isEmpty() ? null : name;
                    } else {
                        fields.put("name", "must be a text or null");
                    }
                }
                case "number" -> {
                    if (!v.isTextual()) {
                        fields.put("number", "must be a text, e.g. \"+6281234567890\"");
                    } else {
                        number = numbers.tryE164(v.asText()).orElse(null);
                        if (number == null) {
                            fields.put("number", "not a phone number: " + v.asText());
                        }
                    }
                }
                case "attributes" -> {
                    if (!v.isObject()) {
                        fields.put("attributes", "must be an object of attribute names and values (null removes one)");
                        break;
                    }
                    for (java.util.Iterator<Map.Entry<String, JsonNode>> a = v.fields(); a.hasNext();) {
                        Map.Entry<String, JsonNode> attr = a.next();
                        String key = ContactFilter.attributeName(attr.getKey());
                        if (key.isEmpty() || key.matches(".*[=;\"].*")) {
                            fields.put("attributes." + attr.getKey(), "not an attribute name (empty, or with = ; \")");
                        } else if (attr.getValue().isNull()
                                || attr.getValue().isTextual() && ContactFilter.attributeValue(attr.getValue().asText()).isEmpty()) {
                            removed.add(key);
                        } else if (attr.getValue().isValueNode()) {
                            set.put(key, ContactFilter.attributeValue(attr.getValue().asText()));
                        } else {
                            fields.put("attributes." + attr.getKey(), "must be a text, a number or null");
                        }
                    }
                }
                default -> fields.put(f.getKey(), "not a field of a contact (name, number, attributes)");
            }
        }
        if (!fields.isEmpty()) {
            throw ApiException.badRequest("invalid contact", String.join("; ", fields.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).toList())).with("fields", fields);
        }
        return new ContactEdit(setName, name, number, set, removed);
    }

    private void optOut(Exchange exchange, String method, String path) throws Exception {
        Contact contact = exchange.getProperty("contact", Contact.class);
        contacts.optOut(contact.number(), "API");
        exchange.setProperty(Journal.DETAIL, contact.number() + " opted out through the API by "
                + ApiRequests.user(exchange) + (contact.optedOut() ? " (had opted out already)" : "")
                + "; its held and queued broadcast SMS cancelled");
        respond(exchange, 200, contacts.findById(contact.id()).orElseThrow());
    }

    private void optIn(Exchange exchange, String method, String path) throws Exception {
        Contact contact = exchange.getProperty("contact", Contact.class);
        boolean changed = contacts.optIn(contact.number());
        exchange.setProperty(Journal.DETAIL, contact.number() + " opted in through the API by "
                + ApiRequests.user(exchange) + (changed ? "" : " (had not opted out)"));
        respond(exchange, 200, contacts.findById(contact.id()).orElseThrow());
    }

    private void segments(Exchange exchange, String method, String path) throws Exception {
        if (path.matches("^/api/segments/?$")) {
            if (!"GET".equals(method)) {
                methodNotAllowed(exchange, "GET");
                return;
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (Segment s : segments.list()) {
                out.add(segment(s, null));
            }
            respond(exchange, 200, Map.of("segments", out));
            return;
        }
        Matcher m = SEGMENT.matcher(path);
        if (!m.matches()) {
            error(exchange, 404, "no such resource", path);
            return;
        }
        String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        switch (method) {
            case "GET" -> {
                Optional<Segment> s = segments.find(name);
                if (s.isEmpty()) {
                    error(exchange, 404, "no such segment", name);
                } else {
                    respond(exchange, 200, segment(s.get(), contacts.reach(s.get().filter())));
                }
            }
            case "PUT" -> {
                JsonNode body = ApiRequests.jsonObject(exchange, "{\"filter\": \"school=SMA N 1 Yogyakarta; major=IPA\"}");
                if (!body.has("filter")) {
                    error(exchange, 400, "the body must be a JSON object with a filter",
                            "{\"filter\": \"school=SMA N 1 Yogyakarta; major=IPA\", \"description\": \"...\"}");
                    return;
                }
                JsonNode f = body.get("filter");
                ContactFilter filter = f.isObject() ? ContactFilter.fromJson(f.toString())
                        : f.isTextual() ? ContactFilter.parse(f.asText()) : null;
                if (filter == null) {
                    error(exchange, 400, "filter must be a text (school=...; major=IPA) or an object", f.toString());
                    return;
                }
                JsonNode d = body.get("description");
                boolean existed = segments.find(name).isPresent();
                Segment saved = segments.save(name, filter, d == null || d.isNull() ? null : d.asText(),
                        ApiRequests.user(exchange) + " (HTTP API)");
                respond(exchange, existed ? 200 : 201, segment(saved, contacts.reach(saved.filter())));
            }
            case "DELETE" -> {
                if (segments.delete(name)) {
                    respond(exchange, 200, Map.of("deleted", name.toLowerCase(Locale.ROOT)));
                } else {
                    error(exchange, 404, "no such segment", name);
                }
            }
            default -> methodNotAllowed(exchange, "GET, PUT, DELETE");
        }
    }

    private static Map<String, Object> segment(Segment s, Reach reach) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("filter", s.filter().criteria());
        out.put("filterText", s.filter().toText());
        out.put("describe", s.filter().describe());
        out.put("description", s.description());
        out.put("createdBy", s.createdBy());
        out.put("createdAt", s.createdAt().toString());
        out.put("updatedAt", s.updatedAt().toString());
        if (reach != null) {
            // who a broadcast to it would text, and who it would skip because they sent STOP
            out.put("contacts", reach.reachable());
            out.put("optedOut", reach.optedOut());
        }
        return out;
    }

    // Read from the raw query rather than Camel's headers, which an HTTP header of the same name would also fill.
    private static Map<String, String> query(Exchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class);
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static int number(Map<String, String> query, String name, int min, int max, int otherwise) {
        String raw = query.get(name);
        if (raw == null || raw.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ": " + raw);
    }

    private static Charset charset(String contentType) {
        Matcher m = Pattern.compile("(?i)charset=\"?([^\";\\s]+)").matcher(contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown charset in Content-Type: " + m.group(1));
            }
        }
        return StandardCharsets.UTF_8;
    }

    private void methodNotAllowed(Exchange exchange, String allowed) throws Exception {
        exchange.getMessage().setHeader("Allow", allowed);
        error(exchange, 405, "method not allowed", "use " + allowed);
    }

    private void error(Exchange exchange, int status, String error, String detail) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        respond(exchange, status, body);
    }

    private void respond(Exchange exchange, int status, Object body) throws Exception {
        JsonReply.send(exchange, status, body);
    }
}
