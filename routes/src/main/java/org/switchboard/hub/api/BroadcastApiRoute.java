package org.switchboard.hub.api;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.broadcast.Broadcast;
import org.switchboard.broadcast.BroadcastAudience;
import org.switchboard.broadcast.BroadcastPlanner;
import org.switchboard.broadcast.BroadcastRecipients;
import org.switchboard.broadcast.BroadcastReport;
import org.switchboard.broadcast.BroadcastRequest;
import org.switchboard.broadcast.BroadcastStatus;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.broadcast.BroadcastTimeline;
import org.switchboard.broadcast.Plan;
import org.switchboard.broadcast.Progress;
import org.switchboard.broadcast.SendEstimate;
import org.switchboard.channel.Channels;
import org.switchboard.contacts.ContactFilter;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;

/**
 * Broadcasts over HTTP: {@code GET /api/broadcasts} (newest first, with progress), {@code POST /api/broadcasts} (from a
 * segment or a filter, with a template: planned and held, answered with its preview; it always waits for a confirm),
 * {@code GET /api/broadcasts/ID}, {@code POST /api/broadcasts/ID/confirm|cancel} (journalled like a YES or a cancel by
 * email), {@code GET /api/broadcasts/ID/recipients} (paged JSON), {@code .../recipients.csv} (the report's CSV) and
 * {@code .../timeline} (cumulative counts for the chart).
 */
public final class BroadcastApiRoute extends HttpRoutes {
    private static final String ROUTE = "http-broadcasts";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int TIMELINE_BUCKETS = 60;
    private static final Set<String> CREATE_FIELDS = Set.of("segment", "filter", "template");
    private static final String EXAMPLE = "{\"filter\": \"school=SMA N 1 Yogyakarta; graduation_year=2018\","
            + " \"template\": \"Halo {first_name}, ...\"} or {\"segment\": \"sma1-2018\", \"template\": \"...\"}";

    private final BroadcastStore broadcasts;
    private final BroadcastPlanner planner;
    private final BroadcastAudience audience;
    private final BroadcastRecipients recipients;
    private final BroadcastTimeline timeline;
    private final BroadcastReport report;
    private final Channels channels;
    private final ZoneId zone;

    /** What the broadcast API works with, besides where it listens and who may use it. */
    public record Parts(BroadcastStore broadcasts, BroadcastPlanner planner, BroadcastAudience audience,
            BroadcastRecipients recipients, BroadcastTimeline timeline, BroadcastReport report, Channels channels,
            ZoneId zone) {
    }

    public BroadcastApiRoute(Parts parts) {
        this.broadcasts = parts.broadcasts();
        this.planner = parts.planner();
        this.audience = parts.audience();
        this.recipients = parts.recipients();
        this.timeline = parts.timeline();
        this.report = parts.report();
        this.channels = parts.channels();
        this.zone = parts.zone();
    }

    @Override
    public void configure() {
        rest("/api/broadcasts").tag("broadcasts")
                .get().routeId("http-broadcasts").security(SIGNED_IN)
                .description("Broadcasts, newest first, with their progress")
                .param().name("offset").type(RestParamType.query).required(false).example("0").endParam()
                .param().name("limit").type(RestParamType.query).required(false).example("20")
                        .description("1 to 100 (20)").endParam()
                .responseMessage("200", "total, offset, limit and the broadcasts")
                .to("direct:http-broadcasts")

                .post().routeId("http-broadcast-create").security(SIGNED_IN)
                .description("Plan a broadcast from a segment or a filter with a template; it waits for its confirm"
                        + " whatever its size, and the answer is its preview")
                .consumes("application/json")
                .param().name("body").type(RestParamType.body).required(true).example("application/json", EXAMPLE)
                        .description("segment, filter (a text or an object) or both; template with {placeholders}")
                        .endParam()
                .param().name("Idempotency-Key").type(RestParamType.header).required(false)
                        .description("the same request sent again with it plans nothing more").endParam()
                .responseMessage("201", "planned and held, with its preview")
                .responseMessage("200", "planned before with the same Idempotency-Key")
                .responseMessage("400", "refused: no recipient, a placeholder some recipients lack (missing), bad"
                        + " text")
                .to("direct:http-broadcast-create");
        one("", "GET", "One broadcast and its progress", "http-broadcast");
        one("/confirm", "POST", "Confirm: release its held SMS to the modems (a second confirm changes nothing)",
                "http-broadcast-confirm");
        one("/cancel", "POST", "Cancel: its held and queued SMS are not sent", "http-broadcast-cancel");
        one("/recipients", "GET", "Its recipients, in planning order, with each SMS's status (query: status, offset,"
                + " limit 1 to " + MAX_LIMIT + ")", "http-broadcast-recipients");
        one("/recipients.csv", "GET", "Every recipient as CSV (the report email's attachment)",
                "http-broadcast-csv");
        one("/timeline", "GET", "Sent, delivered and failed over time, cumulative, in at most " + TIMELINE_BUCKETS
                + " buckets", "http-broadcast-timeline");

        from("direct:http-broadcasts").process(this::list);
        from("direct:http-broadcast-create").setProperty(Journal.MESSAGE_KIND, constant(JournalKind.BROADCAST.value()))
                .step(Journal.stepId("http-broadcast-create", "broadcast-planned")).process(answering(this::create))
                .end();
        from("direct:http-broadcast").process(e -> JsonReply.send(e, 200, view(broadcast(e))));
        for (String action : new String[] {"confirm", "cancel"}) {
            from("direct:http-broadcast-" + action)
                    .process(e -> e.setProperty(Journal.MESSAGE_ID, broadcast(e).id()))
                    .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.BROADCAST.value()))
                    .setProperty("action", constant(action))
                    .step(Journal.stepId("http-broadcast-" + action, "api-answered")).process(answering(this::act)).end();
        }
        from("direct:http-broadcast-recipients").process(e -> recipientsPage(e, broadcast(e).id()));
        from("direct:http-broadcast-csv").process(e -> csv(e, broadcast(e).id()));
        from("direct:http-broadcast-timeline").process(e -> timeline(e, broadcast(e).id()));
    }

    /** An operation on one broadcast, /api/broadcasts/{id} and below. */
    private void one(String below, String method, String description, String routeId) {
        var rest = rest("/api/broadcasts").tag("broadcasts");
        (method.equals("GET") ? rest.get("/{id}" + below) : rest.post("/{id}" + below))
                .routeId(routeId).security(SIGNED_IN).description(description)
                .param().name("id").type(RestParamType.path).example("1").endParam()
                .responseMessage("200", below.equals("/recipients.csv") ? "text/csv" : "JSON")
                .responseMessage("404", "no such broadcast")
                .to("direct:" + routeId);
    }

    /** The broadcast the path names: 404 when there is none (or the path's id is no number at all). */
    private Broadcast broadcast(Exchange exchange) {
        String id = ApiRequests.pathParameter(exchange, "id");
        if (!id.matches("\\d{1,18}")) {
            throw ApiException.notFound("no such resource", exchange.getIn().getHeader(Exchange.HTTP_URI, String.class));
        }
        return broadcasts.find(Long.parseLong(id))
                .orElseThrow(() -> ApiException.notFound("no such broadcast", "broadcast #" + id));
    }

    /** A step's refusal answered as JSON here, so the journal does not record it as a failure of the hub. */
    private static Processor answering(Processor p) {
        return exchange -> {
            try {
                p.process(exchange);
            } catch (ApiException | IllegalArgumentException e) {
                ApiRequests.answer(exchange, e);
            }
        };
    }

    private void list(Exchange exchange) throws Exception {
        Map<String, String> query = ApiRequests.query(exchange);
        ApiRequests.onlyKnown(query, Set.of("offset", "limit"), null);
        int offset = ApiRequests.number(query, "offset", 0, Integer.MAX_VALUE, 0);
        int limit = ApiRequests.number(query, "limit", 1, 100, 20);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Broadcast b : broadcasts.list(offset, limit)) {
            out.add(view(b));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", broadcasts.count());
        body.put("offset", offset);
        body.put("limit", limit);
        body.put("broadcasts", out);
        JsonReply.send(exchange, 200, body);
    }

    private void create(Exchange exchange) throws Exception {
        JsonNode body = ApiRequests.jsonObject(exchange, EXAMPLE);
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!CREATE_FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field", field + "; a broadcast has: segment, filter, template");
            }
        }
        String template = ApiRequests.text(body, "template");
        if (template == null || template.isBlank()) {
            throw ApiException.badRequest("no template", "give the text as \"template\": " + EXAMPLE);
        }
        JsonNode f = body.get("filter");
        ContactFilter filter = f == null || f.isNull() ? null : f.isObject() ? ContactFilter.fromJson(f.toString())
                : f.isTextual() ? ContactFilter.parse(f.asText()) : null;
        if (f != null && !f.isNull() && filter == null) {
            throw ApiException.badRequest("bad filter", "filter is a text (school=...; major=IPA) or an object");
        }
        BroadcastAudience.Resolved to = audience.resolve(ApiRequests.text(body, "segment"), filter);
        String user = ApiRequests.user(exchange);
        String key = Optional.ofNullable(ApiRequests.header(exchange, "Idempotency-Key"))
                .map(String::strip).filter(k -> !k.isEmpty()).orElse(null);
        if (key != null && key.length() > 200) {
            throw ApiException.badRequest("bad Idempotency-Key", "at most 200 characters");
        }
        // Held whatever its size: over HTTP nobody has seen a preview yet, and the answer is that preview.
        Plan plan = planner.plan(new BroadcastRequest(user, BroadcastRequest.SOURCE_API,
                key == null ? null : "api:" + user + ":" + key, to.segment(), to.criteria(), template, true));
        if (plan instanceof Plan.Refused refused) {
            List<Map<String, Object>> missing = new ArrayList<>();
            for (Plan.MissingPlaceholder p : refused.missing()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("placeholder", p.placeholder());
                m.put("recipients", p.recipients());
                m.put("examples", p.examples());
                missing.add(m);
            }
            throw ApiException.badRequest("broadcast refused", refused.reason()).with("missing", missing);
        }
        Plan.Planned planned = (Plan.Planned) plan;
        exchange.setProperty(Journal.MESSAGE_ID, planned.broadcastId());
        exchange.setProperty(Journal.DETAIL, "broadcast #" + planned.broadcastId() + " by API user " + user + " to "
                + to.described() + ": " + planned.recipients() + " recipient(s), " + planned.optedOut()
                + " opted out, " + planned.invalid() + " invalid, " + planned.totalParts() + " SMS part(s)"
                + (planned.existing() ? " (same Idempotency-Key: planned before)" : "") + "; awaiting confirmation");
        Broadcast b = broadcasts.find(planned.broadcastId()).orElseThrow();
        Map<String, Object> out = view(b);
        out.put("preview", preview(planned));
        JsonReply.send(exchange, planned.existing() ? 200 : 201, out);
    }

    private Map<String, Object> preview(Plan.Planned planned) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("recipients", planned.recipients());
        p.put("optedOut", planned.optedOut());
        p.put("invalid", planned.invalid());
        p.put("duplicates", planned.duplicates());
        p.put("totalParts", planned.totalParts());
        p.put("maxParts", planned.maxParts());
        List<Map<String, Object>> samples = new ArrayList<>();
        for (Plan.Sample s : planned.samples()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", s.number());
            m.put("name", s.name());
            m.put("text", s.text());
            m.put("parts", s.parts());
            samples.add(m);
        }
        p.put("samples", samples);
        int lines = channels.readyLines();
        // "healthyModems" is the API's name of old for the ready lines of every channel
        p.put("healthyModems", lines);
        p.put("estimatedSeconds", SendEstimate.duration(planned.totalParts(), lines, channels.secondsPerPart())
                .map(d -> (Object) d.toSeconds()).orElse(null));
        return p;
    }

    private void act(Exchange exchange) throws Exception {
        long id = exchange.getProperty(Journal.MESSAGE_ID, Long.class);
        String action = exchange.getProperty("action", String.class);
        boolean changed = action.equals("confirm") ? broadcasts.confirm(id) : broadcasts.cancel(id);
        Broadcast now = broadcasts.find(id).orElseThrow();
        exchange.setProperty(Journal.DETAIL, action + " through the API by " + ApiRequests.user(exchange) + ": "
                + (changed ? "done" : "nothing changed") + ", now " + now.status());
        if (!changed && action.equals("confirm") && now.status() == BroadcastStatus.CANCELLED) {
            throw new ApiException(409, "cancelled", "broadcast #" + id + " was cancelled; it cannot be confirmed");
        }
        Map<String, Object> out = view(now);
        out.put("changed", changed);
        JsonReply.send(exchange, 200, out);
    }

    private void recipientsPage(Exchange exchange, long id) throws Exception {
        Map<String, String> query = ApiRequests.query(exchange);
        ApiRequests.onlyKnown(query, Set.of("status", "offset", "limit"), null);
        String status = query.get("status");
        if (status != null && (status.isBlank() || !BroadcastRecipients.statuses().contains(status))) {
            throw ApiException.badRequest("bad status", "status is one of " + String.join(", ",
                    BroadcastRecipients.statuses()) + ": " + status);
        }
        BroadcastRecipients.Page page = recipients.page(id, status,
                ApiRequests.number(query, "offset", 0, Integer.MAX_VALUE, 0),
                ApiRequests.number(query, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT));
        List<Map<String, Object>> items = new ArrayList<>();
        for (BroadcastRecipients.Recipient r : page.recipients()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", "out-" + r.id());
            m.put("number", r.number());
            m.put("name", r.name());
            m.put("text", r.text());
            m.put("status", r.status());
            m.put("modem", r.modem());
            m.put("parts", r.parts());
            m.put("sentAt", r.sentAt() == null ? null : r.sentAt().toString());
            m.put("delivery", r.delivery());
            m.put("error", r.error());
            m.put("errorCode", r.errorCode());
            m.put("possibleDuplicate", r.possibleDuplicate());
            items.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", page.total());
        out.put("offset", page.offset());
        out.put("limit", page.limit());
        out.put("recipients", items);
        JsonReply.send(exchange, 200, out);
    }

    private void csv(Exchange exchange, long id) {
        ApiRequests.onlyKnown(ApiRequests.query(exchange), Set.of(), null);
        // In memory: about a hundred bytes a recipient, a few MB for the largest lists the hub sends to.
        StringWriter out = new StringWriter();
        report.writeCsv(id, out, zone);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=utf-8");
        exchange.getMessage().setHeader("Content-Disposition", "attachment; filename=\"broadcast-" + id + ".csv\"");
        exchange.getMessage().setBody(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void timeline(Exchange exchange, long id) throws Exception {
        ApiRequests.onlyKnown(ApiRequests.query(exchange), Set.of(), null);
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (BroadcastTimeline.Bucket b : timeline.buckets(id, TIMELINE_BUCKETS)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", b.at().toString());
            m.put("sent", b.sent());
            m.put("delivered", b.delivered());
            m.put("failed", b.failed());
            buckets.add(m);
        }
        JsonReply.send(exchange, 200, Map.of("broadcast", id, "buckets", buckets));
    }

    private Map<String, Object> view(Broadcast b) {
        Progress p = broadcasts.progress(b.id());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", b.id());
        out.put("status", b.status().name());
        out.put("requestedBy", b.requestedBy());
        out.put("source", b.source());
        out.put("segment", b.segment());
        out.put("filter", b.filter());
        out.put("template", b.template());
        out.put("recipients", b.recipients());
        out.put("optedOut", b.optedOut());
        out.put("invalid", b.invalid());
        out.put("duplicates", b.duplicates());
        out.put("parts", b.parts());
        out.put("createdAt", String.valueOf(b.createdAt()));
        out.put("confirmedAt", b.confirmedAt() == null ? null : b.confirmedAt().toString());
        out.put("finishedAt", b.finishedAt() == null ? null : b.finishedAt().toString());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("held", p.held());
        progress.put("queued", p.queued());
        progress.put("sending", p.sending());
        progress.put("sent", p.sent());
        progress.put("delivered", p.delivered());
        progress.put("failed", p.failed());
        progress.put("cancelled", p.cancelled());
        progress.put("possibleDuplicates", p.possibleDuplicates());
        progress.put("total", p.total());
        progress.put("finished", p.finished());
        out.put("progress", progress);
        return out;
    }
}
