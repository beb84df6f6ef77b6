package org.switchboard.hub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.contacts.ContactFilter;
import org.switchboard.contacts.ContactStore;
import org.switchboard.contacts.Reach;
import org.switchboard.contacts.Segment;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;

/**
 * Segments (saved filters) over HTTP: {@code GET /api/segments} lists them, {@code GET|PUT|DELETE /api/segments/NAME}
 * reads one with its reach, saves one (created or replaced) and deletes one.
 */
public final class SegmentsApiRoute extends HttpRoutes {
    private static final String EXAMPLE = "{\"filter\": \"school=SMA N 1 Yogyakarta; major=IPA\", \"description\": \"...\"}";

    private final ContactStore contacts;
    private final SegmentStore segments;

    public SegmentsApiRoute(ContactStore contacts, SegmentStore segments) {
        this.contacts = contacts;
        this.segments = segments;
    }

    @Override
    public void configure() {
        rest("/api/segments").tag("segments")
                .get().routeId("http-segments").security(SIGNED_IN)
                .description("Saved segments")
                .responseMessage("200", "{\"segments\": [...]}")
                .to("direct:http-segments")

                .get("/{name}").routeId("http-segment").security(SIGNED_IN)
                .description("One segment and how many contacts it reaches")
                .param().name("name").type(RestParamType.path).example("sma1-ipa").endParam()
                .responseMessage("200", "the segment, with contacts (whom a broadcast would text) and optedOut")
                .responseMessage("404", "no such segment")
                .to("direct:http-segment")

                .put("/{name}").routeId("http-segment-save").security(SIGNED_IN)
                .description("Save a segment (created or replaced)")
                .consumes("application/json")
                .param().name("name").type(RestParamType.path).example("sma1-ipa").endParam()
                .param().name("body").type(RestParamType.body).required(true).example("application/json", EXAMPLE)
                        .description("filter: a text (school=...; major=IPA) or an object; description: optional")
                        .endParam()
                .responseMessage("200", "replaced")
                .responseMessage("201", "created")
                .responseMessage("400", "no filter, a bad filter or name, bad text")
                .to("direct:http-segment-save")

                .delete("/{name}").routeId("http-segment-delete").security(SIGNED_IN)
                .description("Delete a segment")
                .param().name("name").type(RestParamType.path).example("sma1-ipa").endParam()
                .responseMessage("200", "{\"deleted\": NAME}")
                .responseMessage("404", "no such segment")
                .to("direct:http-segment-delete");
        from("direct:http-segments").process(this::list);
        from("direct:http-segment").process(this::one);
        from("direct:http-segment-save").process(this::save);
        from("direct:http-segment-delete").process(this::delete);
    }

    private void list(Exchange exchange) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Segment s : segments.list()) {
            out.add(view(s, null));
        }
        JsonReply.send(exchange, 200, Map.of("segments", out));
    }

    private void one(Exchange exchange) throws Exception {
        String name = ApiRequests.pathParameter(exchange, "name");
        Segment s = segments.find(name).orElseThrow(() -> ApiException.notFound("no such segment", name));
        JsonReply.send(exchange, 200, view(s, contacts.reach(s.filter())));
    }

    private void save(Exchange exchange) throws Exception {
        String name = ApiRequests.pathParameter(exchange, "name");
        JsonNode body = ApiRequests.jsonObject(exchange, EXAMPLE);
        if (!body.has("filter")) {
            throw ApiException.badRequest("the body must be a JSON object with a filter", EXAMPLE);
        }
        JsonNode f = body.get("filter");
        ContactFilter filter = f.isObject() ? ContactFilter.fromJson(f.toString())
                : f.isTextual() ? ContactFilter.parse(f.asText()) : null;
        if (filter == null) {
            throw ApiException.badRequest("filter must be a text (school=...; major=IPA) or an object", f.toString());
        }
        JsonNode d = body.get("description");
        boolean existed = segments.find(name).isPresent();
        Segment saved = segments.save(name, filter, d == null || d.isNull() ? null : d.asText(),
                ApiRequests.user(exchange) + " (HTTP API)");
        JsonReply.send(exchange, existed ? 200 : 201, view(saved, contacts.reach(saved.filter())));
    }

    private void delete(Exchange exchange) throws Exception {
        String name = ApiRequests.pathParameter(exchange, "name");
        if (!segments.delete(name)) {
            throw ApiException.notFound("no such segment", name);
        }
        JsonReply.send(exchange, 200, Map.of("deleted", name.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, Object> view(Segment s, Reach reach) {
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
}
