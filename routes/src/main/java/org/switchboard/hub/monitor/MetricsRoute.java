package org.switchboard.hub.monitor;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.HttpErrors;
import org.switchboard.hub.http.JsonReply;

/**
 * {@code GET /metrics}: every meter of the hub in Prometheus' text format, for a scraper holding an API key or the
 * admin's basic auth (only /health is open: the figures tell how busy the hub is and which modems it has).
 */
public final class MetricsRoute extends RouteBuilder {
    /** Prometheus' text exposition format, the one every scraper reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final String base;
    private final PrometheusMeterRegistry registry;
    private final ApiCredentials credentials;

    public MetricsRoute(String host, int port, PrometheusMeterRegistry registry, ApiCredentials credentials) {
        this.base = "jetty:http://" + host + ":" + port;
        this.registry = registry;
        this.credentials = credentials;
    }

    @Override
    public void configure() {
        HttpErrors.install(this);
        from(base + "/metrics").routeId("http-metrics").process(this::scrape);
    }

    private void scrape(Exchange exchange) throws Exception {
        if (!credentials.admit(exchange)) {
            return;
        }
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getMessage().setHeader("Allow", "GET, HEAD");
            JsonReply.send(exchange, 405, Map.of("error", "method not allowed", "detail", "use GET"));
            return;
        }
        byte[] text = registry.scrape().getBytes(StandardCharsets.UTF_8);
        // As JsonReply: camel-jetty would echo the request's headers (Authorization too) back as response headers.
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getMessage().setBody(text);
    }
}
