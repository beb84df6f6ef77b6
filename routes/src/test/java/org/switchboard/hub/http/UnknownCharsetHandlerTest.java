package org.switchboard.hub.http;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.jetty;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.hub.TestHttp;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link UnknownCharsetHandler} on the hub's Jetty: a body whose Content-Type names a character set Java does not know,
 * or a name that cannot be one, is refused 415 as JSON naming it, before any route, on a REST operation and on a plain
 * Jetty route alike (it was a bare 500 with a stack trace in the log); a character set Java knows, UTF-8 or not,
 * reaches the route.
 */
class UnknownCharsetHandlerTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private final AtomicInteger reached = new AtomicInteger();
    private TestHttp http;

    /** A REST operation and a plain Jetty route that count the requests reaching them. */
    final class Counted extends HttpRoutes {
        private final int port;

        Counted(int port) {
            this.port = port;
        }

        @Override
        public void configure() {
            rest("/api/counted").post().routeId("counted-rest").security(SIGNED_IN).to("direct:counted");
            from("direct:counted").process(e -> JsonReply.send(e, 200, Map.of("reached", reached.incrementAndGet())));
            from(jetty("http://" + TestHttp.HOST + ":" + port + "/plain")).routeId("counted-plain")
                    .process(e -> JsonReply.send(e, 200, Map.of("reached", reached.incrementAndGet())));
        }
    }

    @BeforeEach
    void start() throws Exception {
        http = TestHttp.create(db.dataSource());
        http.add(new Counted(http.port())).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    @Test
    void anUnknownCharacterSetIsRefusedBeforeAnyRoute() throws Exception {
        for (String path : new String[] {"/api/counted", "/plain"}) {
            TestHttp.error(http.asAdmin("POST", path, "{}", "Content-Type", "application/json; charset=foo"), 415,
                    "does not know: foo");
            TestHttp.error(http.asAdmin("POST", path, "x", "Content-Type", "text/plain; charset=\"no such\""), 415,
                    "unknown character set");
        }
        assertEquals(0, reached.get(), "no route ran");
    }

    @Test
    void aCharacterSetJavaKnowsReachesTheRoute() throws Exception {
        for (String path : new String[] {"/api/counted", "/plain"}) {
            TestHttp.json(http.asAdmin("POST", path, "{}", "Content-Type", "application/json; charset=UTF-8"), 200);
            TestHttp.json(http.asAdmin("POST", path, "x", "Content-Type", "text/plain; charset=windows-1252"), 200);
            TestHttp.json(http.asAdmin("POST", path, "{}"), 200);
        }
        assertEquals(6, reached.get());
    }
}
