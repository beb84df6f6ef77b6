package org.switchboard.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.auth.Role;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link OpenApiRoute} on the hub's Jetty: its REST configuration serves the operations added after it on the hub's
 * port, and GET /api/openapi.json, for anyone signed in, is an OpenAPI 3.1 document of them with each operation's
 * security written out as the schemes it stands for (admin's as a scope), the paths plain routes describe, and the
 * three schemes; without credentials it is 401, and the request's credentials are never echoed back.
 */
class OpenApiRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private TestHttp http;

    /** Operations of each security, and a path served by a plain route, described for the document. */
    static final class Probe extends HttpRoutes {
        @Override
        public void configure() {
            rest("/api/probe").tag("probe")
                    .get().routeId("probe-read").security(SIGNED_IN).description("read the probe").to("direct:read")
                    .delete("/{id}").routeId("probe-delete").security(ADMIN).to("direct:delete");
            rest("/probe-open").get().routeId("probe-open").security(OPEN).to("direct:open");
            for (String name : new String[] {"read", "delete", "open"}) {
                from("direct:" + name).process(e -> JsonReply.send(e, 200, Map.of("probe", name)));
            }
            describe("/plain/{file}").get().security(OPEN).description("served by a plain Jetty route");
        }
    }

    @BeforeEach
    void start() throws Exception {
        TestRows.update(db.dataSource(), "DELETE FROM app_user WHERE name <> 'admin'");
        http = TestHttp.create(db.dataSource());
        http.users().add("budi", Role.STAFF, "budi-password");
        http.add(new Probe()).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    @Test
    void theDocumentDescribesEveryOperationWithItsSecurity() throws Exception {
        HttpResponse<String> r = http.as("budi", "budi-password", "GET", "/api/openapi.json", null);
        JsonNode doc = TestHttp.json(r, 200);
        assertTrue(r.headers().firstValue("Authorization").isEmpty(), r.headers().toString());
        assertEquals("3.1.0", doc.get("openapi").asText());
        assertEquals("Switchboard HTTP API", doc.get("info").get("title").asText());
        JsonNode paths = doc.get("paths");
        assertEquals("read the probe", paths.get("/api/probe").get("get").path("summary").asText(), doc.toString());
        assertEquals(List.of("basicAuth", "apiKey", "session"), schemes(paths.get("/api/probe").get("get")));
        JsonNode delete = paths.get("/api/probe/{id}").get("delete");
        assertEquals(List.of("basicAuth", "apiKey", "session"), schemes(delete));
        assertEquals("admin", delete.get("security").get(0).get("basicAuth").get(0).asText(), delete.toString());
        assertFalse(paths.get("/probe-open").get("get").has("security"), "an open operation asks for nothing");
        assertEquals("served by a plain Jetty route", paths.get("/plain/{file}").get("get").path("summary").asText());
        assertTrue(paths.has("/api/openapi.json"), paths.toString());

        JsonNode securitySchemes = doc.get("components").get("securitySchemes");
        assertEquals("basic", securitySchemes.get("basicAuth").get("scheme").asText());
        assertEquals("X-API-Key", securitySchemes.get("apiKey").get("name").asText());
        assertEquals("header", securitySchemes.get("apiKey").get("in").asText());
        assertEquals("switchboard_session", securitySchemes.get("session").get("name").asText());
        assertEquals("cookie", securitySchemes.get("session").get("in").asText());
    }

    @Test
    void theRestConfigurationServesTheOperationsOnTheHubsPortWithTheirSecurity() throws Exception {
        assertEquals("open", TestHttp.json(http.send("GET", "/probe-open", null), 200).get("probe").asText());
        assertEquals("read", TestHttp.json(http.as("budi", "budi-password", "GET", "/api/probe", null), 200)
                .get("probe").asText());
        TestHttp.error(http.as("budi", "budi-password", "DELETE", "/api/probe/1", null), 403, "admin only");
        assertEquals("delete", TestHttp.json(http.asAdmin("DELETE", "/api/probe/1", null), 200).get("probe").asText());
    }

    @Test
    void theDocumentNeedsCredentials() throws Exception {
        HttpResponse<String> r = http.send("GET", "/api/openapi.json", null);
        TestHttp.error(r, 401, "credentials required");
        assertFalse(r.body().contains("\"paths\""), r.body());
        TestHttp.error(http.send("GET", "/api/openapi.json", null, "X-API-Key", "sbk_made-up"), 401, "API key");
    }

    /** The security schemes an operation accepts, one of them. */
    private static List<String> schemes(JsonNode operation) {
        List<String> out = new ArrayList<>();
        operation.get("security").forEach(s -> s.fieldNames().forEachRemaining(out::add));
        return out;
    }
}
