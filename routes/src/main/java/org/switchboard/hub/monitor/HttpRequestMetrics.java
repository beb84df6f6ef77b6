package org.switchboard.hub.monitor;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.component.jetty.JettyHttpEndpoint;
import org.apache.camel.http.common.HttpMessage;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Times every HTTP request the hub answers, by route (one per REST operation: {@code http-sms}, {@code http-contacts},
 * ...; {@code http-unmatched} for a path or method no route takes), method and status, from Camel's exchange events:
 * no route has to remember to do it. The route rather than the path keeps the series few whatever paths clients try.
 */
public final class HttpRequestMetrics extends EventNotifierSupport {
    private final MeterRegistry registry;

    public HttpRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent e
                && e.getExchange().getFromEndpoint() instanceof JettyHttpEndpoint;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeCompletedEvent) event).getExchange();
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            status = exchange.isFailed() ? 500 : 200;
        }
        // Not the CamelHttpMethod header: the API's replies drop the request's headers (see JsonReply).
        String method = exchange.getIn() instanceof HttpMessage m && m.getRequest() != null ? m.getRequest().getMethod()
                : exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        Timer.builder("switchboard.http.requests")
                .description("HTTP requests answered, by route, method and status")
                .tag("route", String.valueOf(exchange.getFromRouteId()))
                .tag("method", method == null ? "UNKNOWN" : method)
                .tag("status", String.valueOf(status))
                .register(registry)
                .record(Duration.ofMillis(exchange.getClock().elapsed()));
    }
}
