package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the API routes rely on: HttpApiRoute consumes the prefix /api and ContactsApiRoute the longer /api/contacts and
 * /api/segments on the same port, and camel-jetty gives each request to the longest matching prefix, in whatever order
 * the routes were added.
 */
class JettyPrefixMatchingTest {

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void theLongestMatchingPrefixWins(boolean shortestFirst) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String base = "jetty:http://127.0.0.1:" + port;
        List<String> prefixes = shortestFirst ? List.of("/api", "/api/contacts", "/api/segments")
                : List.of("/api/segments", "/api/contacts", "/api");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (String prefix : prefixes) {
                        from(base + prefix + "?matchOnUriPrefix=true").setBody(constant(prefix));
                    }
                }
            });
            camel.start();
            HttpClient http = HttpClient.newHttpClient();
            assertEquals("/api", get(http, port, "/api/messages/in-1/hops"));
            assertEquals("/api", get(http, port, "/api"));
            assertEquals("/api/contacts", get(http, port, "/api/contacts"));
            assertEquals("/api/contacts", get(http, port, "/api/contacts/import"));
            assertEquals("/api/segments", get(http, port, "/api/segments/sma1-ipa"));
        }
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }
}
