package org.switchboard.hub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalReader;

/**
 * {@code GET /health} for monitors (open with each check's name and state; its details and messages only with
 * credentials; never message content), and {@code GET /api/messages/in-ID/hops} and {@code /api/messages/out-ID/hops},
 * the whole trail of an inbound or outbound SMS.
 */
public final class HttpApiRoute extends HttpRoutes {
    private static final Pattern MESSAGE = Pattern.compile("^(in|out)-(\\d{1,18})$");

    private final JournalReader journal;
    private final ApiCredentials credentials;

    public HttpApiRoute(JournalReader journal, ApiCredentials credentials) {
        this.journal = journal;
        this.credentials = credentials;
    }

    @Override
    public void configure() {
        rest("/health").tag("monitoring")
                .get().routeId("http-health").security(OPEN)
                .description("Health of the hub and each part (database, SMTP, IMAP, modems, PBX, Camel's routes and"
                        + " consumers); each check's details and message only with credentials, which are not refused")
                .responseMessage("200", "every check UP (or UNKNOWN)")
                .responseMessage("503", "a check is DOWN")
                .to("direct:http-health")
                .head().routeId("http-health-head").security(OPEN).apiDocs(false).to("direct:http-health-head");
        from("direct:http-health").process(this::health);
        from("direct:http-health-head").process(this::health);

        rest("/api/messages").tag("history")
                .get("/{id}/hops").routeId("http-hops").security(SIGNED_IN)
                .description("A message's journal trail, hop by hop")
                .param().name("id").type(RestParamType.path).example("out-12")
                        .description("in-ID (an inbound SMS) or out-ID (an outbound one)").endParam()
                .responseMessage("200", "the hops, oldest first")
                .responseMessage("404", "no journal entry has this message")
                .to("direct:http-hops");
        from("direct:http-hops").process(this::hops);
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
        JsonReply.send(exchange, up ? 200 : 503, out);
    }

    private void hops(Exchange exchange) throws Exception {
        String id = ApiRequests.pathParameter(exchange, "id");
        Matcher m = MESSAGE.matcher(id);
        if (!m.matches()) {
            String path = exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
            throw ApiException.notFound("no such resource: " + path, "GET /api/messages/in-ID/hops or out-ID/hops");
        }
        JournalKind kind = m.group(1).equals("in") ? JournalKind.INBOUND_SMS : JournalKind.OUTBOUND_SMS;
        List<Hop> hops = journal.hops(kind.value(), Long.parseLong(m.group(2)));
        if (hops.isEmpty()) {
            throw ApiException.notFound("no message " + id, "no journal entry has this message");
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
        JsonReply.send(exchange, 200, Map.of("message", id, "hops", trail));
    }
}
