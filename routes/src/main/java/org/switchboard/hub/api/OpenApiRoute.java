package org.switchboard.hub.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.ApiRequests;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 document of every HTTP path the hub serves, the classpath resource
 * {@value #RESOURCE} (kept by hand; OpenApiDocumentTest fails when a served path is missing from it).
 */
public final class OpenApiRoute extends RouteBuilder {
    static final String RESOURCE = "/openapi.json";

    private final String base;
    private final ApiCredentials credentials;
    private final byte[] document;

    public OpenApiRoute(String host, int port, ApiCredentials credentials) {
        this.base = "jetty:http://" + host + ":" + port;
        this.credentials = credentials;
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(e -> ApiRequests.answer(e,
                e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
        from(base + "/api/openapi.json").routeId("http-openapi")
                .process(e -> ApiRequests.serve(e, credentials, (exchange, method, path) -> {
                    ApiRequests.requireMethod(method, path, "GET");
                    exchange.getMessage().removeHeaders("*");
                    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
                    exchange.getMessage().setBody(document);
                }));
    }
}
