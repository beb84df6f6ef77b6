package org.switchboard.hub.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.http.common.CamelServlet;
import org.apache.camel.http.common.HttpConsumer;
import org.apache.camel.http.common.ServletResolveConsumerStrategy;

/**
 * Camel's own choice of the route for a request (the REST DSL's matcher), with one addition: a request it finds no
 * route for, or only the fallback route, goes to the fallback route ({@link UnmatchedRoute}) rather than to Jetty's
 * bare 404 or 405. So a path under /api is refused 401 without credentials whether it exists or not, and the 405
 * names the methods the path takes: the methods Camel would give to another route, in the request attribute
 * {@link #ALLOWED}.
 */
final class FallbackResolver implements ServletResolveConsumerStrategy {
    /** Request attribute: the methods other routes take on the request's path ("GET, PATCH"), when there are some. */
    static final String ALLOWED = "switchboard.allowedMethods";

    private final ServletResolveConsumerStrategy camel;

    FallbackResolver(ServletResolveConsumerStrategy camel) {
        this.camel = camel;
    }

    @Override
    public HttpConsumer resolve(HttpServletRequest request, Map<String, HttpConsumer> consumers) {
        HttpConsumer plain = plainRouteOn(request.getPathInfo(), consumers);
        if (plain != null) {
            return plain;
        }
        HttpConsumer found = camel.resolve(request, consumers);
        if (found != null && !isFallback(found)) {
            return found;
        }
        Map<String, HttpConsumer> others = new LinkedHashMap<>();
        HttpConsumer fallback = found;
        for (Map.Entry<String, HttpConsumer> c : consumers.entrySet()) {
            if (isFallback(c.getValue())) {
                fallback = fallback == null ? c.getValue() : fallback;
            } else {
                others.put(c.getKey(), c.getValue());
            }
        }
        // OPTIONS is answered for any path a route takes (by camel-jetty itself), so not worth naming
        String allowed = CamelServlet.METHODS.stream().filter(m -> !m.equals("OPTIONS"))
                .filter(m -> camel.isHttpMethodAllowed(request, m, others)).collect(Collectors.joining(", "));
        if (!allowed.isEmpty()) {
            request.setAttribute(ALLOWED, allowed);
        }
        return fallback;
    }

    @Override
    public boolean isHttpMethodAllowed(HttpServletRequest request, String method, Map<String, HttpConsumer> consumers) {
        return camel.isHttpMethodAllowed(request, method, consumers);
    }

    /**
     * The Jetty route on exactly this path that takes any method (Kannel's sendsms), found by comparing paths: the REST
     * matcher weighs every REST operation's path against the request, building lists and lower-casing as it goes, a
     * sixth of a small request's CPU. REST operations all restrict their method, so they still go through it.
     */
    private static HttpConsumer plainRouteOn(String path, Map<String, HttpConsumer> consumers) {
        if (path == null) {
            return null;
        }
        for (HttpConsumer consumer : consumers.values()) {
            if (path.equals(consumer.getPath()) && consumer.getEndpoint().getHttpMethodRestrict() == null
                    && !isFallback(consumer)) {
                return consumer;
            }
        }
        return null;
    }

    private static boolean isFallback(HttpConsumer consumer) {
        return UnmatchedRoute.ROUTE_ID.equals(consumer.getRouteId());
    }
}
