package org.switchboard.hub.http;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.jetty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.hub.TestHttp;
import org.switchboard.store.TestDatabaseExtension;

/**
 * A multipart form, which no route of the hub takes, reaches the route that refuses it unread, whether Jetty could
 * parse it or not, on a REST operation and on a plain Jetty route: the query's parameters still arrive, the form's
 * fields do not, and the connection stays open for the client's next request. Before, Jetty parsed the form first, a
 * broken one was answered 400 by Jetty or failed the request's input, and either way the connection was closed without
 * a {@code Connection: close}: a client sending its next request on it got no answer ("header parser received no
 * bytes"). Spoken over one raw socket, as a keep-alive client does.
 */
class MultipartRequestTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final String BROKEN = "--x\r\n";
    private static final String WELL_FORMED = "--x\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\n"
            + "from the form\r\n--x--\r\n";

    private TestHttp http;

    /** What a route saw of the request: its query parameter {@code q} and the form's {@code field}, as headers. */
    static final class Echo extends HttpRoutes {
        private final int port;

        Echo(int port) {
            this.port = port;
        }

        @Override
        public void configure() {
            rest("/api/echo").post().routeId("echo-rest").security(SIGNED_IN).to("direct:echo");
            from("direct:echo").process(Echo::seen);
            from(jetty("http://" + TestHttp.HOST + ":" + port + "/plain")).routeId("echo-plain").process(Echo::seen);
        }

        private static void seen(Exchange exchange) throws Exception {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("q", String.valueOf(exchange.getIn().getHeader("q")));
            seen.put("field", String.valueOf(exchange.getIn().getHeader("field")));
            JsonReply.send(exchange, 200, seen);
        }
    }

    @BeforeEach
    void start() throws Exception {
        http = TestHttp.create(db.dataSource());
        http.add(new Echo(http.port())).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    @Test
    void aFormReachesTheRouteUnreadAndTheConnectionStaysOpen() throws Exception {
        for (String path : new String[] {"/api/echo?q=kept", "/plain?q=kept"}) {
            try (Socket socket = new Socket(TestHttp.HOST, http.port())) {
                socket.setSoTimeout(10_000);
                for (String form : new String[] {BROKEN, WELL_FORMED, BROKEN}) {
                    RawHttp.Answer answer = RawHttp.post(socket, path, "multipart/form-data; boundary=x", form);
                    assertEquals(200, answer.status(), path + ": " + answer.body());
                    assertEquals("{\"q\":\"kept\",\"field\":\"null\"}", answer.body(), path);
                    assertFalse("close".equalsIgnoreCase(answer.headers().get("connection")),
                            path + ": " + answer.headers());
                }
                // and the same connection still takes a request of another kind
                RawHttp.Answer json = RawHttp.post(socket, path, "application/json", "{}");
                assertEquals(200, json.status(), path + ": " + json.body());
            }
        }
    }
}
