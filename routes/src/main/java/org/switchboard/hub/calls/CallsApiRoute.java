package org.switchboard.hub.calls;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.calls.Call;
import org.switchboard.calls.CallQuery;
import org.switchboard.calls.CallState;
import org.switchboard.calls.CallStore;
import org.switchboard.calls.CallTransition;
import org.switchboard.calls.ClickToCall;
import org.switchboard.calls.PbxDown;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.journal.Hop;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalReader;
import org.switchboard.numbers.PhoneNumbers;

/**
 * Click-to-call over HTTP: {@code POST /api/calls} {"agent": "1001", "number": "+62..."} stores the call, journals who
 * asked, hands it to the way to the PBX and answers 201 with its id and state; {@code GET /api/calls/{id}} shows where
 * it stands with its states and times; {@code GET /api/calls} lists calls by filter. With click-to-call off
 * ({@code switchboard.calls.mode} blank), the POST answers 503 saying so.
 */
final class CallsApiRoute extends HttpRoutes {
    private static final String START = "http-calls-start";
    private static final String EXAMPLE = "{\"agent\": \"1001\", \"number\": \"+6281234567890\"}";
    private static final Set<String> FILTERS = Set.of("state", "agent", "number", "by", "from", "until", "before",
            "limit");
    /** Who asks, the agent and the customer ({@code String[3]}), then the call stored. */
    static final String CALL = "SwitchboardCall";
    /** How the call was asked for, when not by POST /api/calls (a call-back link), for the journal. */
    static final String VIA = "SwitchboardCallVia";
    /** Stores the call in {@link #CALL}, journals it, hands it to the PBX and answers 201. */
    static final String PLACE = "direct:calls-place";

    private final CallStore store;
    private final ClickToCall way;
    private final String notConfigured;
    private final PhoneNumbers numbers;
    private final ZoneId zone;
    private final JournalReader journal;
    private final String nodeId;
    private ProducerTemplate states;

    /**
     * @param way           the way to the PBX, or null when click-to-call is off
     * @param notConfigured why it is off, for the 503
     */
    CallsApiRoute(CallStore store, ClickToCall way, String notConfigured, PhoneNumbers numbers, ZoneId zone,
            JournalReader journal, String nodeId) {
        this.journal = journal;
        this.nodeId = nodeId;
        this.store = store;
        this.way = way;
        this.notConfigured = notConfigured;
        this.numbers = numbers;
        this.zone = zone;
    }

    @Override
    public void configure() {
        rest("/api/calls").tag("calls")
                .post().routeId(START).security(SIGNED_IN)
                .description("Click-to-call: the PBX rings the agent's phone, then dials the customer. agent: the"
                        + " agent's extension (else the signed-in user's own, see switchboard users extension);"
                        + " number: the customer's, in any notation. Follow it with GET /api/calls/{id}")
                .consumes("application/json")
                .param().name("body").type(RestParamType.body).required(true).example("application/json", EXAMPLE)
                        .endParam()
                .responseMessage("201", "{\"id\", \"state\": \"requested\" (or \"failed\" with its cause when the PBX"
                        + " cannot be reached), ...}")
                .responseMessage("400", "no agent, not a phone number")
                .responseMessage("403", "the number opted out (STOP): the hub does not call it")
                .responseMessage("503", "click-to-call is not configured (switchboard.calls.mode)")
                .to("direct:" + START)
                .get().routeId("http-calls").security(SIGNED_IN)
                .description("Calls, newest first: state, agent, number, by (who asked), from, until, before (an id,"
                        + " to page back), limit (at most 500)")
                .param().name("state").type(RestParamType.query).required(false).example("failed").endParam()
                .param().name("agent").type(RestParamType.query).required(false).example("1001").endParam()
                .param().name("number").type(RestParamType.query).required(false).example("+6281234567890").endParam()
                .param().name("by").type(RestParamType.query).required(false).example("admin").endParam()
                .param().name("from").type(RestParamType.query).required(false).example("2026-12-01").endParam()
                .param().name("until").type(RestParamType.query).required(false).example("2026-12-07").endParam()
                .param().name("before").type(RestParamType.query).required(false).endParam()
                .param().name("limit").type(RestParamType.query).required(false).example("50").endParam()
                .responseMessage("200", "{\"calls\": [...]}")
                .responseMessage("400", "a bad filter")
                .to("direct:http-calls")
                .get("/{id}").routeId("http-call").security(SIGNED_IN)
                .description("One call: state (requested, agent-ringing, agent-answered, customer-ringing,"
                        + " connected, ended, failed), cause once ended or failed, its states with their times, how"
                        + " long the two talked")
                .param().name("id").type(RestParamType.path).example("42").endParam()
                .responseMessage("200", "the call")
                .responseMessage("404", "no such call")
                .to("direct:http-call")
                .get("/{id}/hops").routeId("http-call-hops").security(SIGNED_IN)
                .description("The call's journal: who asked, then each state the hub recorded, with its route and time")
                .param().name("id").type(RestParamType.path).example("42").endParam()
                .responseMessage("200", "{\"call\": ID, \"hops\": [{\"hop\", \"at\", \"route\", \"detail\","
                        + " \"error\"}, ...]}")
                .responseMessage("404", "no such call")
                .to("direct:http-call-hops");
        rest("/api/users/{name}/extension").tag("calls")
                .put().routeId("http-user-extension").security(ADMIN)
                .description("Sets (or, with null or \"\", clears) the extension of a user's phone on the PBX: the"
                        + " agent of the calls they ask for without naming one (admin only)")
                .consumes("application/json")
                .param().name("name").type(RestParamType.path).example("budi").endParam()
                .param().name("body").type(RestParamType.body).required(true)
                        .example("application/json", "{\"extension\": \"1001\"}").endParam()
                .responseMessage("200", "{\"name\", \"extension\"}")
                .responseMessage("400", "not an extension")
                .responseMessage("404", "no such user")
                .to("direct:http-user-extension");
        from("direct:" + START)
                .process(this::read)
                .to(PLACE);
        from(PLACE).routeId("calls-place")
                .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.CALL.value()))
                .step(Journal.stepId(START, "requested")).process(this::store).end()
                .process(this::place);
        from("direct:http-calls").process(this::list);
        from("direct:http-call").process(this::show);
        from("direct:http-call-hops").process(this::hops);
        from("direct:http-user-extension").process(this::extension);
    }

    /** What was asked, checked; nothing is stored for a request refused here. */
    private void read(Exchange exchange) {
        available();
        JsonNode body = ApiRequests.jsonObject(exchange, EXAMPLE);
        String user = ApiRequests.user(exchange);
        String agent = Optional.ofNullable(ApiRequests.text(body, "agent")).map(String::strip).filter(a -> !a.isEmpty())
                .or(() -> store.extensionOf(user))
                .orElseThrow(() -> ApiException.badRequest("no agent", "give the agent's extension as \"agent\": "
                        + EXAMPLE + ", or set yours: switchboard users extension " + user + " EXTENSION"));
        if (!agent.matches("[0-9A-Za-z*#+_.-]{1,32}")) {
            throw ApiException.badRequest("not an extension", "agent must be the PBX's extension (digits, letters,"
                    + " * # + _ . -): " + agent);
        }
        String given = ApiRequests.text(body, "number");
        if (given == null || given.isBlank()) {
            throw ApiException.badRequest("no number", "give the customer's number as \"number\": " + EXAMPLE);
        }
        String e164 = numbers.tryE164(given).orElseThrow(() -> ApiException.badRequest("not a phone number", given));
        if (store.isOptedOut(e164)) {
            throw new ApiException(403, "number opted out", e164 + " asked not to be contacted (STOP); the hub does"
                    + " not call it");
        }
        exchange.setProperty(CALL, new String[] {user, agent, e164});
    }

    private void available() {
        if (way == null) {
            throw new ApiException(503, "click-to-call is not configured", notConfigured);
        }
    }

    private void store(Exchange exchange) {
        available();
        String[] asked = exchange.getProperty(CALL, String[].class);
        String via = exchange.getProperty(VIA, String.class);
        Call call = store.create(way.way(), nodeId, asked[0], asked[1], asked[2]);
        exchange.setProperty(Journal.MESSAGE_ID, call.id());
        exchange.setProperty(Journal.DETAIL, "asked by " + asked[0] + ": agent " + asked[1] + ", customer " + asked[2]
                + ", through " + way.way() + (via == null ? "" : ", from " + via));
        exchange.setProperty(CALL, call);
    }

    private void place(Exchange exchange) throws Exception {
        Call call = exchange.getProperty(CALL, Call.class);
        Optional<PbxDown> down = way.unavailable();
        if (down.isPresent()) {
            // Said at once, in the answer: nothing is sent to the PBX, and nothing will be later.
            states(exchange).sendBody(CallStateRoute.ENDPOINT, List.of(CallTransition.failed(call.id(),
                    down.get().cause(), null, down.get().detail(), Instant.now())));
        } else {
            way.start(call.id(), call.agent(), call.customer());
        }
        JsonReply.header(exchange, "Location", "/api/calls/" + call.id());
        JsonReply.send(exchange, 201, view(store.find(call.id()).orElse(call)));
    }

    private ProducerTemplate states(Exchange exchange) {
        synchronized (this) {
            if (states == null) {
                states = exchange.getContext().createProducerTemplate();
            }
            return states;
        }
    }

    private void list(Exchange exchange) throws Exception {
        Map<String, String> q = ApiRequests.query(exchange);
        ApiRequests.onlyKnown(q, FILTERS, null);
        CallState state;
        try {
            state = q.get("state") == null || q.get("state").isBlank() ? null : CallState.parse(q.get("state"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad state", e.getMessage());
        }
        String number = q.get("number");
        String e164 = number == null || number.isBlank() ? null : numbers.tryE164(number)
                .orElseThrow(() -> ApiException.badRequest("bad number", "not a phone number: " + number));
        int before = ApiRequests.number(q, "before", 1, Integer.MAX_VALUE, 0);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Call c : store.list(new CallQuery(state, blankToNull(q.get("agent")), e164, blankToNull(q.get("by")),
                ApiRequests.time(q, "from", zone, false), ApiRequests.time(q, "until", zone, true),
                before == 0 ? null : (long) before, ApiRequests.number(q, "limit", 1, 500, 50)))) {
            out.add(view(c));
        }
        JsonReply.send(exchange, 200, Map.of("calls", out));
    }

    private void show(Exchange exchange) throws Exception {
        String id = ApiRequests.pathParameter(exchange, "id");
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no such call", id);
        }
        Call call = store.find(n).orElseThrow(() -> ApiException.notFound("no such call", id));
        JsonReply.send(exchange, 200, view(call));
    }

    private void extension(Exchange exchange) throws Exception {
        String name = ApiRequests.pathParameter(exchange, "name");
        String extension = blankToNull(ApiRequests.text(ApiRequests.jsonObject(exchange, "{\"extension\": \"1001\"}"),
                "extension"));
        boolean set;
        try {
            set = store.setExtension(name, extension);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("not an extension", e.getMessage());
        }
        if (!set) {
            throw ApiException.notFound("no such user", name);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("extension", extension);
        JsonReply.send(exchange, 200, out);
    }

    private void hops(Exchange exchange) throws Exception {
        long id = callId(exchange);
        List<Map<String, Object>> trail = new ArrayList<>();
        for (Hop h : journal.hops(JournalKind.CALL.value(), id)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("hop", h.hop());
            row.put("at", h.at().toString());
            row.put("route", h.route());
            row.put("detail", h.detail());
            row.put("error", h.error());
            trail.add(row);
        }
        JsonReply.send(exchange, 200, Map.of("call", id, "hops", trail));
    }

    /** The path's call id, of a call that exists. */
    private long callId(Exchange exchange) {
        String id = ApiRequests.pathParameter(exchange, "id");
        try {
            long n = Long.parseLong(id);
            if (store.find(n).isPresent()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.notFound("no such call", id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static Map<String, Object> view(Call c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("state", c.state().text());
        out.put("cause", c.cause());
        out.put("causeCode", c.causeCode());
        out.put("detail", c.detail());
        out.put("agent", c.agent());
        out.put("number", c.customer());
        out.put("way", c.way());
        out.put("requestedBy", c.requestedBy());
        out.put("requestedAt", text(c.requestedAt()));
        out.put("connectedAt", text(c.connectedAt()));
        out.put("endedAt", text(c.endedAt()));
        out.put("durationSeconds", c.talked() == null ? null : c.talked().toMillis() / 1000.0);
        if (!c.history().isEmpty()) {
            List<Map<String, Object>> states = new ArrayList<>();
            for (Call.Change s : c.history()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("state", s.state().text());
                item.put("at", text(s.at()));
                item.put("cause", s.cause());
                item.put("causeCode", s.causeCode());
                item.put("detail", s.detail());
                states.add(item);
            }
            out.put("states", states);
        }
        return out;
    }

    private static String text(java.time.OffsetDateTime t) {
        return t == null ? null : t.toString();
    }
}
