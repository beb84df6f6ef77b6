package org.switchboard.hub.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.hub.TestHttp;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link UnmatchedRoute} on the hub's Jetty beside one REST operation: a request no route takes is refused 401 under
 * /api and /metrics without credentials, else answered 404, or 405 with {@code Allow} naming the methods its path
 * takes, always as JSON; a request the operation takes never reaches it.
 */
class UnmatchedRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private TestHttp http;

    /** One operation for the fallback to stand beside: GET /api/things, for anyone signed in. */
    static final class Things extends HttpRoutes {
        @Override
        public void configure() {
            rest("/api/things").get().routeId("things").security(SIGNED_IN).to("direct:things");
            from("direct:things").process(e -> JsonReply.send(e, 200, Map.of("things", 3)));
        }
    }

    @BeforeEach
    void start() throws Exception {
        http = TestHttp.create(db.dataSource()).withFallback().add(new Things()).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    @Test
    void underApiAndMetricsCredentialsComeFirstWhetherThePathExistsOrNot() throws Exception {
        for (String path : new String[] {"/api", "/api/nothing", "/api/things/7", "/metrics", "/metrics/x"}) {
            HttpResponse<String> r = http.send("GET", path, null);
            TestHttp.error(r, 401, "credentials required");
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), path);
        }
        TestHttp.error(http.send("DELETE", "/api/things", null), 401, "credentials required");
        TestHttp.error(http.send("GET", "/api/nothing", null, "Authorization", TestHttp.basic("admin", "wrong")), 401,
                "wrong user name or password");
    }

    @Test
    void aPathNothingServesIs404() throws Exception {
        TestHttp.error(http.asAdmin("GET", "/api/nothing", null), 404, "no such resource: /api/nothing");
        TestHttp.error(http.asAdmin("POST", "/api/things/7/more", "{}"), 404, "no such resource: /api/things/7/more");
        // outside /api and /metrics no credentials are asked for what does not exist
        TestHttp.error(http.send("GET", "/elsewhere", null), 404, "no such resource: /elsewhere");
    }

    @Test
    void aMethodThePathDoesNotTakeIs405NamingTheOnesItDoes() throws Exception {
        HttpResponse<String> r = http.asAdmin("DELETE", "/api/things", null);
        TestHttp.error(r, 405, "DELETE /api/things; use GET");
        String allow = r.headers().firstValue("Allow").orElse("");
        assertTrue(allow.contains("GET") && !allow.contains("DELETE"), allow);
    }

    @Test
    void aRequestTheOperationTakesNeverReachesTheFallback() throws Exception {
        assertEquals(3, TestHttp.json(http.asAdmin("GET", "/api/things", null), 200).get("things").asInt());
        TestHttp.error(http.send("GET", "/api/things", null), 401, "credentials required");
    }
}
