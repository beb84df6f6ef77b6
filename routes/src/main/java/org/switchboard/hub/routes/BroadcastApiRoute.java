package org.switchboard.hub.routes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.broadcast.Broadcast;
import org.switchboard.broadcast.BroadcastStatus;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.broadcast.Progress;
import org.switchboard.journal.Journal;

/**
 * Broadcasts over HTTP, behind the API's basic auth: {@code GET /api/broadcasts/ID} (what it is and how far it got),
 * {@code POST /api/broadcasts/ID/confirm} (the same as the sender's YES to the preview) and
 * {@code POST /api/broadcasts/ID/cancel}. Confirmations and cancellations are journalled like those by email.
 */
public final class BroadcastApiRoute extends RouteBuilder {
    private static final Pattern PATH = Pattern.compile("^/api/broadcasts/(\\d{1,18})(?:/(confirm|cancel))?/?$");

    private final String base;
    private final BroadcastStore broadcasts;
    private final ApiCredentials credentials;

    public BroadcastApiRoute(String host, int port, BroadcastStore broadcasts, ApiCredentials credentials) {
        this.base = "jetty:http://" + host + ":" + port;
        this.broadcasts = broadcasts;
        this.credentials = credentials;
    }

    @Override
    public void configure() {
        from(base + "/api/broadcasts?matchOnUriPrefix=true").routeId("http-broadcasts")
                .setProperty(Journal.MESSAGE_KIND, constant("broadcast"))
                .process(this::route)
                .filter(exchangeProperty("action").isNotNull())
                    .step("api-answered").process(this::act).end()
                .end();
    }

    private void route(Exchange exchange) throws Exception {
        if (!credentials.admit(exchange)) {
            return;
        }
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        String path = Optional.ofNullable(exchange.getIn().getHeader(Exchange.HTTP_URI, String.class)).orElse("");
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            respond(exchange, 404, error("no such resource", path));
            return;
        }
        long id = Long.parseLong(m.group(1));
        Optional<Broadcast> broadcast = broadcasts.find(id);
        if (broadcast.isEmpty()) {
            respond(exchange, 404, error("no such broadcast", "broadcast #" + id));
            return;
        }
        String action = m.group(2);
        if (action == null) {
            if (!"GET".equals(method)) {
                respond(exchange, 405, error("method not allowed", method + " " + path + "; use GET"));
                return;
            }
            respond(exchange, 200, view(broadcast.get()));
            return;
        }
        if (!"POST".equals(method)) {
            respond(exchange, 405, error("method not allowed", method + " " + path + "; use POST"));
            return;
        }
        exchange.setProperty(Journal.MESSAGE_ID, id);
        exchange.setProperty("action", action);
    }

    private void act(Exchange exchange) throws Exception {
        long id = exchange.getProperty(Journal.MESSAGE_ID, Long.class);
        String action = exchange.getProperty("action", String.class);
        boolean changed = action.equals("confirm") ? broadcasts.confirm(id) : broadcasts.cancel(id);
        Broadcast now = broadcasts.find(id).orElseThrow();
        exchange.setProperty(Journal.DETAIL, action + " through the API: " + (changed ? "done" : "nothing changed")
                + ", now " + now.status());
        if (!changed && action.equals("confirm") && now.status() == BroadcastStatus.CANCELLED) {
            respond(exchange, 409, error("cancelled", "broadcast #" + id + " was cancelled; it cannot be confirmed"));
            return;
        }
        Map<String, Object> out = view(now);
        out.put("changed", changed);
        respond(exchange, 200, out);
    }

    private Map<String, Object> view(Broadcast b) {
        Progress p = broadcasts.progress(b.id());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", b.id());
        out.put("status", b.status().name());
        out.put("requestedBy", b.requestedBy());
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
        out.put("progress", progress);
        return out;
    }

    private static Map<String, Object> error(String error, String detail) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        out.put("detail", detail);
        return out;
    }

    private static void respond(Exchange exchange, int status, Object body) throws Exception {
        JsonReply.send(exchange, status, body);
    }
}
