package org.switchboard.hub.api;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.hub.api.ModemReport;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.HttpErrors;
import org.switchboard.hub.http.JsonReply;

/**
 * {@code GET /api/modems} and {@code GET /api/modems/NAME}: each modem's signal, registration, operator, the shared
 * queue's depth, what it sent and failed, its last error and state, for the dashboard and for people.
 */
public final class ModemsApiRoute extends RouteBuilder {
    private static final Pattern ONE = Pattern.compile("^/api/modems/([^/]+)/?$");

    private final String base;
    private final ModemReport report;
    private final ApiCredentials credentials;

    public ModemsApiRoute(String host, int port, ModemReport report, ApiCredentials credentials) {
        this.base = "jetty:http://" + host + ":" + port;
        this.report = report;
        this.credentials = credentials;
    }

    @Override
    public void configure() {
        HttpErrors.install(this);
        // Longer than HttpApiRoute's /api prefix, so camel-jetty brings these paths here: see the note there.
        from(base + "/api/modems?matchOnUriPrefix=true").routeId("http-modems").process(this::modems);
    }

    private void modems(Exchange exchange) throws Exception {
        if (!credentials.admit(exchange)) {
            return;
        }
        String path = Optional.ofNullable(exchange.getIn().getHeader(Exchange.HTTP_URI, String.class)).orElse("");
        if (!"GET".equals(exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class))) {
            exchange.getMessage().setHeader("Allow", "GET");
            JsonReply.send(exchange, 405, Map.of("error", "method not allowed", "detail", "modems are read-only: use GET"));
            return;
        }
        if (path.matches("^/api/modems/?$")) {
            JsonReply.send(exchange, 200, report.all());
            return;
        }
        Matcher m = ONE.matcher(path);
        Optional<Map<String, Object>> one = m.matches() ? report.one(m.group(1)) : Optional.empty();
        if (one.isPresent()) {
            JsonReply.send(exchange, 200, one.get());
        } else {
            JsonReply.send(exchange, 404, Map.of("error", "no such modem",
                    "detail", "GET /api/modems lists the modems; " + path + " names none of them"));
        }
    }
}
