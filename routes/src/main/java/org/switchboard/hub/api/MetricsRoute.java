package org.switchboard.hub.api;

import java.nio.charset.StandardCharsets;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.Exchange;
import org.switchboard.hub.http.HttpRoutes;

/**
 * {@code GET /metrics}: every meter of the hub in Prometheus' text format, for a scraper holding an API key or the
 * admin's basic auth (only /health is open: the figures tell how busy the hub is and which modems it has).
 */
public final class MetricsRoute extends HttpRoutes {
    /** Prometheus' text exposition format, the one every scraper reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoute(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void configure() {
        rest("/metrics").tag("monitoring")
                .get().routeId("http-metrics").security(SIGNED_IN)
                .description("Prometheus metrics: messages by channel and status, queues, modems, dispatch latency,"
                        + " HTTP requests, Camel's routes, the database pool and the JVM")
                .produces(CONTENT_TYPE)
                .responseMessage("200", "Prometheus' text format")
                .to("direct:http-metrics")
                .head().routeId("http-metrics-head").security(SIGNED_IN).apiDocs(false).to("direct:http-metrics-head");
        from("direct:http-metrics").process(this::scrape);
        from("direct:http-metrics-head").process(this::scrape);
    }

    private void scrape(Exchange exchange) {
        byte[] text = registry.scrape().getBytes(StandardCharsets.UTF_8);
        // As JsonReply: camel-jetty would echo the request's headers (Authorization too) back as response headers.
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getMessage().setBody(text);
    }
}
