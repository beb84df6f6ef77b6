package org.switchboard.hub.api;

import org.apache.camel.Exchange;
import org.apache.camel.model.RouteDefinition;
import org.switchboard.hub.http.Admission;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.HttpRoutes;

/**
 * The REST DSL's configuration for every HTTP area (the hub's Jetty, bound as {@code jetty}, on the hub's HTTP host
 * and port) and {@code GET /api/openapi.json}: the OpenAPI 3 document camel-openapi-java generates from the REST
 * definitions (every area's operations, their parameters, bodies and answers, and the paths plain Jetty routes serve,
 * which those describe), for anyone signed in.
 */
public final class OpenApiRoute extends HttpRoutes {
    static final String PATH = "/api/openapi.json";
    static final String ROUTE_ID = "http-openapi";
    private static final String DESCRIPTION = "The hub's HTTP API: SMS, history, broadcasts, contacts, segments, modems,"
            + " users and keys, and the Kannel-compatible sendsms. Every error is JSON {\"error\", \"detail\"} with a 4xx"
            + " (5xx: the hub's fault, with a reference to its log), never a stack trace; text with a NUL, another"
            + " control character or a lone surrogate is refused with 400. Credentials: basic auth, an API key"
            + " (X-API-Key), or the dashboard's session cookie (writes then need X-CSRF-Token). Only /health, /login,"
            + " /logout, the dashboard's files and sendsms (its own credentials) take requests without them.";

    private final String host;
    private final int port;

    /** @param host and port where the hub's HTTP server listens */
    public OpenApiRoute(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void configure() {
        restConfiguration().component("jetty").host(host).port(port)
                .apiContextPath(PATH).apiContextRouteId(ROUTE_ID)
                .apiProperty("openapi.version", "3.1.0")
                .apiProperty("api.title", "Switchboard HTTP API")
                .apiProperty("api.version", "0.1.0")
                .apiProperty("api.description", DESCRIPTION);
        rest().securityDefinitions()
                .basicAuth(SCHEMES.get(0), "a user's name and password")
                .apiKey(SCHEMES.get(1), "an API key (POST /api/keys)").withHeader(ApiCredentials.KEY_HEADER).end()
                .apiKey(SCHEMES.get(2), "the dashboard's session, from POST /login; requests other than GET and HEAD"
                        + " also need header " + ApiCredentials.CSRF_HEADER).withCookie(ApiCredentials.SESSION_COOKIE)
                .end()
                .end();
        // Served by Camel's own route for the API document, not by an operation: described here for the document.
        describe(PATH).get().description("This document: every operation, generated from the REST DSL")
                .security(SIGNED_IN)
                .responseMessage("200", "the OpenAPI 3 document");
    }

    /** Camel's route for the document, made from the configuration above: who may read it, and only its own headers. */
    @Override
    protected void populateRests() throws Exception {
        super.populateRests();
        for (RouteDefinition route : getRouteCollection().getRoutes()) {
            if (route.getInput().getEndpointUri().startsWith("rest-api:")) {
                route.routeProperty(Admission.ACCESS, Admission.SIGNED_IN);
                route.process(OpenApiRoute::documentOnly);
            }
        }
    }

    // camel-jetty would echo the request's headers (Authorization too) back as the answer's.
    private static void documentOnly(Exchange exchange) {
        Object type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, type == null ? "application/json" : type);
    }
}
