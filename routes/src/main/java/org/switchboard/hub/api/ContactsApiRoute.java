package org.switchboard.hub.api;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.contacts.Contact;
import org.switchboard.contacts.ContactEdit;
import org.switchboard.contacts.ContactFilter;
import org.switchboard.contacts.ContactStore;
import org.switchboard.contacts.ImportReport;
import org.switchboard.contacts.NumberTakenException;
import org.switchboard.contacts.Reach;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.numbers.PhoneNumbers;

/**
 * Contacts over HTTP: {@code POST /api/contacts/import} (a CSV body; answers the import report, row by row),
 * {@code GET /api/contacts?filter=&offset=&limit=}, {@code GET|PATCH /api/contacts/ID} (a merge patch of name, number
 * and attributes; the number checked again), {@code POST /api/contacts/ID/opt-out|opt-in} (journalled; an opt-out
 * cancels the contact's held and queued broadcast SMS as a STOP does), {@code GET /api/contacts/attributes} (each
 * attribute's values, for filter choices) and {@code GET /api/contacts/count?filter=} (a broadcast's reach).
 */
public final class ContactsApiRoute extends HttpRoutes {
    private static final Pattern ID = Pattern.compile("^\\d{1,18}$");
    private static final int MAX_VALUES_PER_ATTRIBUTE = 200;
    /** A contact list larger than this is refused (413): some 500,000 contacts with a few attributes each. */
    static final long MAX_CSV_BYTES = 64L * 1024 * 1024;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final String PATCH_EXAMPLE = "{\"name\": \"Budi Santoso\", \"number\": \"0812 3456 7890\","
            + " \"attributes\": {\"major\": \"IPA\", \"old_class\": null}}";

    private final ContactStore contacts;
    private final String region;
    private final PhoneNumbers numbers;

    /** @param region where numbers without a country code belong, as in settings' {@code switchboard.region} */
    public ContactsApiRoute(ContactStore contacts, String region) {
        this.contacts = contacts;
        this.region = region;
        this.numbers = new PhoneNumbers(region);
    }

    @Override
    public void configure() {
        rest("/api/contacts").tag("contacts")
                .post("/import").routeId("http-contacts-import").security(SIGNED_IN)
                .description("Import a CSV of contacts (a header row; a number column, name, any attribute): the"
                        + " report row by row (created, updated, merged, rejected and why)")
                .consumes("text/csv")
                .param().name("body").type(RestParamType.body).required(true)
                        .example("text/csv", "name,phone,school\nBudi,0812 3456 7890,SMA N 1 Yogyakarta\n")
                        .description("the CSV file itself (UTF-8 unless Content-Type names a charset), at most 64 MiB")
                        .endParam()
                .responseMessage("200", "the import report")
                .responseMessage("400", "not a contact list (no header, no number column, not UTF-8): nothing imported")
                .responseMessage("413", "over 64 MiB")
                .responseMessage("415", "a form upload rather than the file itself")
                .to("direct:http-contacts-import")

                .get().routeId("http-contacts").security(SIGNED_IN)
                .description("Contacts matching a filter, in the order they were added")
                .param().name("filter").type(RestParamType.query).required(false).example("school=SMA N 1 Yogyakarta")
                        .description("attribute=value pairs separated by ';'").endParam()
                .param().name("offset").type(RestParamType.query).required(false).example("0").endParam()
                .param().name("limit").type(RestParamType.query).required(false).example("20")
                        .description("0 to " + MAX_LIMIT + " (" + DEFAULT_LIMIT + ")").endParam()
                .responseMessage("200", "filter, total, offset, limit and the contacts")
                .to("direct:http-contacts")

                .get("/attributes").routeId("http-contacts-attributes").security(SIGNED_IN)
                .description("Each attribute's values (the most frequent " + MAX_VALUES_PER_ATTRIBUTE + "), for filter"
                        + " choices")
                .responseMessage("200", "{\"major\": [\"IPA\", \"IPS\"], ...}")
                .to("direct:http-contacts-attributes")

                .get("/count").routeId("http-contacts-count").security(SIGNED_IN)
                .description("How many contacts a filter reaches: count is whom a broadcast would text")
                .param().name("filter").type(RestParamType.query).required(false).example("major=IPA").endParam()
                .responseMessage("200", "count, optedOut, matching, filter")
                .to("direct:http-contacts-count")

                .get("/{id}").routeId("http-contact").security(SIGNED_IN)
                .description("One contact")
                .param().name("id").type(RestParamType.path).example("1").endParam()
                .responseMessage("200", "the contact")
                .responseMessage("404", "no such contact")
                .to("direct:http-contact")

                .patch("/{id}").routeId("http-contact-edit").security(SIGNED_IN)
                .description("Edit a contact (a JSON merge patch: what is left out stays; null removes an attribute;"
                        + " the number is checked again)")
                .consumes("application/json")
                .param().name("id").type(RestParamType.path).example("1").endParam()
                .param().name("body").type(RestParamType.body).required(true).example("application/json", PATCH_EXAMPLE)
                        .endParam()
                .responseMessage("200", "the contact as it is now")
                .responseMessage("400", "every field's mistake, under fields")
                .responseMessage("404", "no such contact")
                .responseMessage("409", "the number is another contact's")
                .to("direct:http-contact-edit");
        for (String action : new String[] {"opt-out", "opt-in"}) {
            rest("/api/contacts").tag("contacts")
                    .post("/{id}/" + action).routeId("http-contact-" + action).security(SIGNED_IN)
                    .description(action.equals("opt-out") ? "Opt the contact out, as an SMS STOP does: its held and"
                            + " queued broadcast SMS are cancelled" : "Take an opt-out back")
                    .param().name("id").type(RestParamType.path).example("1").endParam()
                    .responseMessage("200", "the contact as it is now")
                    .responseMessage("404", "no such contact")
                    .to("direct:http-contact-" + action);
            from("direct:http-contact-" + action)
                    .process(e -> e.setProperty(Journal.MESSAGE_ID, contact(e).id()))
                    .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.CONTACT.value()))
                    .step(Journal.stepId("http-contact-" + action, action.equals("opt-out") ? "opted-out" : "opted-in"))
                        .process(action.equals("opt-out") ? this::optOut : this::optIn)
                    .end();
        }
        from("direct:http-contacts-import").process(this::importCsv);
        from("direct:http-contacts").process(this::list);
        from("direct:http-contacts-attributes")
                .process(e -> JsonReply.send(e, 200, contacts.attributeValues(MAX_VALUES_PER_ATTRIBUTE)));
        from("direct:http-contacts-count").process(this::count);
        from("direct:http-contact").process(e -> JsonReply.send(e, 200, contact(e)));
        from("direct:http-contact-edit").process(this::edit);
    }

    private void importCsv(Exchange exchange) throws Exception {
        String type = Optional.ofNullable(ApiRequests.header(exchange, Exchange.CONTENT_TYPE)).orElse("");
        if (type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new ApiException(415, "send the CSV file itself as the body, not a form", "e.g. curl -u"
                    + " admin:PASSWORD -H 'Content-Type: text/csv' --data-binary @contacts.csv ..." + "/api/contacts/import");
        }
        Charset charset = charset(type);
        ImportReport report;
        try (InputStream body = ApiRequests.limited(exchange, MAX_CSV_BYTES);
                Reader csv = new InputStreamReader(body, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            report = contacts.importCsv(csv, region);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw ApiException.badRequest("the CSV is not " + charset.name() + " text; nothing was imported",
                        "save it as \"CSV UTF-8\", or name its character set: Content-Type: text/csv; charset=windows-1252");
            }
            throw ApiException.badRequest("the request body could not be read", e.getMessage());
        }
        JsonReply.send(exchange, 200, report);
    }

    private void list(Exchange exchange) throws Exception {
        Map<String, String> query = ApiRequests.query(exchange);
        ContactFilter filter = ContactFilter.parse(query.get("filter"));
        int offset = ApiRequests.number(query, "offset", 0, Integer.MAX_VALUE, 0);
        int limit = ApiRequests.number(query, "limit", 0, MAX_LIMIT, DEFAULT_LIMIT);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("filter", filter.describe());
        out.put("total", contacts.count(filter));
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("contacts", contacts.list(filter, offset, limit));
        JsonReply.send(exchange, 200, out);
    }

    private void count(Exchange exchange) throws Exception {
        Map<String, String> query = ApiRequests.query(exchange);
        ApiRequests.onlyKnown(query, Set.of("filter"), null);
        ContactFilter filter = ContactFilter.parse(query.get("filter"));
        Reach reach = contacts.reach(filter);
        Map<String, Object> out = new LinkedHashMap<>();
        // count: whom a broadcast to this filter would text; optedOut: whom it would skip
        out.put("count", reach.reachable());
        out.put("optedOut", reach.optedOut());
        out.put("matching", reach.contacts());
        out.put("filter", filter.describe());
        JsonReply.send(exchange, 200, out);
    }

    /** The contact the path names; 404 when there is none (or the path's id is no number at all). */
    private Contact contact(Exchange exchange) {
        String id = ApiRequests.pathParameter(exchange, "id");
        if (!ID.matcher(id).matches()) {
            throw ApiException.notFound("no such resource", exchange.getIn().getHeader(Exchange.HTTP_URI, String.class));
        }
        return contacts.findById(Long.parseLong(id))
                .orElseThrow(() -> ApiException.notFound("no such contact", "contact #" + id));
    }

    private void edit(Exchange exchange) throws Exception {
        long id = contact(exchange).id();
        try {
            JsonReply.send(exchange, 200, contacts.edit(id, edit(ApiRequests.jsonObject(exchange, PATCH_EXAMPLE)))
                    .orElseThrow(() -> ApiException.notFound("no such contact", "contact #" + id)));
        } catch (NumberTakenException e) {
            throw new ApiException(409, "the number is another contact's", e.getMessage());
        }
    }

    /** A PATCH body read as a merge patch; every field's mistake reported at once, under "fields". */
    private ContactEdit edit(JsonNode body) {
        Map<String, String> fields = new LinkedHashMap<>();
        boolean setName = false;
        String name = null;
        String number = null;
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> removed = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
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
                    for (Iterator<Map.Entry<String, JsonNode>> a = v.fields(); a.hasNext();) {
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

    private void optOut(Exchange exchange) throws Exception {
        Contact contact = contact(exchange);
        contacts.optOut(contact.number(), "API");
        exchange.setProperty(Journal.DETAIL, contact.number() + " opted out through the API by "
                + ApiRequests.user(exchange) + (contact.optedOut() ? " (had opted out already)" : "")
                + "; its held and queued broadcast SMS cancelled");
        JsonReply.send(exchange, 200, contacts.findById(contact.id()).orElseThrow());
    }

    private void optIn(Exchange exchange) throws Exception {
        Contact contact = contact(exchange);
        boolean changed = contacts.optIn(contact.number());
        exchange.setProperty(Journal.DETAIL, contact.number() + " opted in through the API by "
                + ApiRequests.user(exchange) + (changed ? "" : " (had not opted out)"));
        JsonReply.send(exchange, 200, contacts.findById(contact.id()).orElseThrow());
    }

    private static Charset charset(String contentType) {
        Matcher m = Pattern.compile("(?i)charset=\"?([^\";\\s]+)").matcher(contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("bad request", "unknown charset in Content-Type: " + m.group(1));
            }
        }
        return StandardCharsets.UTF_8;
    }
}
