package org.switchboard.hub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpErrors;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalReader;

/**
 * The HTTP side: {@code /health} for monitors (open with each check's name and state; its details and messages
 * only with credentials; never message content), and the API behind basic auth:
 * {@code GET /api/messages/in-ID/hops} and {@code /api/messages/out-ID/hops}, the whole trail of an inbound or
 * outbound SMS. Other routes serve other parts of {@code /api} (ContactsApiRoute: contacts and segments).
 */
public final class HttpApiRoute extends RouteBuilder {
    private static final Pattern HOPS = Pattern.compile("^/api/messages/(in|out)-(\\d+)/hops/?$");
    private final String base;
    private final JournalReader journal;
    private final ApiCredentials credentials;

    public HttpApiRoute(String host, int port, JournalReader journal, ApiCredentials credentials) {
        this.base = "jetty:http://" + host + ":" + port;
        this.journal = journal;
        this.credentials = credentials;
    }

    @Override
    public void configure() {
        // Whatever a handler did not answer itself: JSON, never camel-http's stack trace.
        onException(Exception.class).handled(true).process(e -> ApiRequests.answer(e,
                e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
        from(base + "/health").routeId("http-health").process(this::health);
        // Other routes consume longer prefixes on the same port (ContactsApiRoute: /api/contacts, /api/segments).
        // camel-jetty resolves a request to the longest matching consumer path (HttpRestServletResolveConsumerStrategy,
        // RestConsumerContextPathMatcher.matchBestPath), whatever the order routes start in, so /api/contacts/import
        // goes there and every other /api path stays here. That holds while no consumer on this port has a {wildcard}
        // path (rest-dsl style); JettyPrefixMatchingTest in it-tests pins it.
        from(base + "/api?matchOnUriPrefix=true").routeId("http-api").process(this::api);
    }

    private void health(Exchange exchange) throws Exception {
        // Open to monitors, but servers, login names and exceptions' text only for those with credentials.
        boolean detailed = credentials.signedIn(exchange);
        Map<String, Object> out = new LinkedHashMap<>();
        boolean up = true;
        List<Map<String, Object>> checks = new ArrayList<>();
        for (HealthCheck.Result r : HealthCheckHelper.invoke(getContext())) {
            up &= r.getState() != HealthCheck.State.DOWN;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", r.getCheck().getId());
            c.put("state", r.getState().name());
            if (!detailed) {
                checks.add(c);
                continue;
            }
            r.getMessage().ifPresent(m -> c.put("message", m));
            Map<String, Object> details = new LinkedHashMap<>(r.getDetails());
            details.keySet().removeIf(k -> k.equals("invocation.time") || k.startsWith("failure.") || k.startsWith("success.")
                    || k.startsWith("invocation."));
            c.put("details", details);
            checks.add(c);
        }
        out.put("status", up ? "UP" : "DOWN");
        out.put("checks", checks);
        respond(exchange, up ? 200 : 503, out);
    }

    private void api(Exchange exchange) throws Exception {
        if (!credentials.admit(exchange)) {
            return;
        }
        String path = exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
        Matcher m = HOPS.matcher(path == null ? "" : path);
        if (!"GET".equals(exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class)) || !m.matches()) {
            respond(exchange, 404, HttpErrors.body("no such resource: " + path, "GET /api/messages/in-ID/hops or out-ID/hops"));
            return;
        }
        String kind = m.group(1).equals("in") ? "inbound_sms" : "outbound_sms";
        long id = Long.parseLong(m.group(2));
        List<Hop> hops = journal.hops(kind, id);
        if (hops.isEmpty()) {
            respond(exchange, 404, HttpErrors.body("no message " + m.group(1) + "-" + id, "no journal entry has this message"));
            return;
        }
        List<Map<String, Object>> trail = new ArrayList<>();
        for (Hop h : hops) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("hop", h.hop());
            row.put("at", h.at().toString());
            row.put("route", h.route());
            row.put("detail", h.detail());
            row.put("error", h.error());
            trail.add(row);
        }
        respond(exchange, 200, Map.of("message", m.group(1) + "-" + id, "hops", trail));
    }

    private void respond(Exchange exchange, int status, Object body) throws Exception {
        JsonReply.send(exchange, status, body);
    }
}
