package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Route;
import org.apache.camel.component.rest.RestApiEndpoint;
import org.apache.camel.component.rest.RestEndpoint;
import org.apache.camel.http.common.HttpCommonEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/openapi.json is an OpenAPI 3 document that cannot go stale silently: every HTTP path the running hub
 * consumes is in it, and every operation it lists on a path the hub serves reaches a handler that knows it (no
 * "no such resource", no 405).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /**
     * Operations the document describes ahead of the branches that build them (issue 6: sessions, modems, metrics,
     * Kannel, dashboard). Their paths fall under HttpApiRoute's /api prefix or no consumer until those land; once
     * they do, they are checked like the rest and this list can be emptied.
     */
    private static final Set<String> BUILT_ELSEWHERE = Set.of();

    @TempDir
    static Path dir;
    private InProcessHub hub;
    private ApiClient api;
    private JsonNode document;

    @BeforeAll
    void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of());
        api = new ApiClient(hub.httpPort(), dir);
        document = api.get("/api/openapi.json");
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void itIsAnOpenApi3DocumentThatNeedsCredentials() throws Exception {
        assertTrue(document.get("openapi").asText().matches("3\\.\\d+\\.\\d+"), document.get("openapi").toString());
        assertFalse(document.get("info").get("title").asText().isBlank());
        assertTrue(document.get("paths").size() > 20);
        for (Iterator<Map.Entry<String, JsonNode>> it = document.get("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            assertTrue(path.getKey().startsWith("/"), path.getKey());
            path.getValue().fields().forEachRemaining(op -> {
                assertTrue(METHODS.contains(op.getKey()), path.getKey() + " " + op.getKey());
                assertTrue(op.getValue().get("responses").size() > 0, path.getKey() + " " + op.getKey());
            });
        }
        ApiClient.assertError(api.send("GET", "/api/openapi.json", null, null, false), 401, "credentials required");
        for (String p : List.of("/health", "/metrics", "/cgi-bin/sendsms", "/login", "/logout", "/api/session",
                "/api/modems", "/api/sms", "/api/messages", "/api/broadcasts/{id}/timeline", "/api/contacts/{id}")) {
            assertTrue(document.get("paths").has(p), p);
        }
    }

    @Test
    void everyPathTheHubConsumesIsDocumented() {
        List<String> documented = new ArrayList<>();
        document.get("paths").fieldNames().forEachRemaining(documented::add);
        List<String> consumers = consumers().entrySet().stream()
                .map(e -> e.getKey() + (e.getValue() ? "*" : "")).toList();
        assertTrue(consumers.size() >= 8, consumers.toString());
        for (Map.Entry<String, Boolean> c : consumers().entrySet()) {
            String path = c.getKey();
            boolean found = documented.stream().anyMatch(d -> d.equals(path)
                    || c.getValue() && d.startsWith(path.endsWith("/") ? path : path + "/"));
            assertTrue(found, "the hub serves " + path + (c.getValue() ? "/..." : "")
                    + " but the OpenAPI document does not describe it; consumers: " + consumers);
        }
    }

    @Test
    void everyDocumentedOperationOnAServedPathReachesAHandlerThatKnowsIt() throws Exception {
        Map<String, Boolean> consumers = consumers();
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.get("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = entry.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String path = concrete(entry.getKey(), op.getValue());
                if (!served(consumers, path)) {
                    continue;
                }
                String method = op.getKey().toUpperCase();
                String type = null;
                String body = null;
                if (op.getValue().has("requestBody")) {
                    type = op.getValue().get("requestBody").get("content").fieldNames().next();
                    body = type.equals("application/json") ? "{}" : "";
                }
                HttpResponse<String> r = api.send(method, path, type, body, true);
                String operation = method + " " + entry.getKey();
                boolean unknown = r.statusCode() == 405 || r.statusCode() == 404 && error(r).startsWith("no such resource");
                if (unknown && BUILT_ELSEWHERE.contains(operation)) {
                    continue;
                }
                assertFalse(unknown, operation + " is documented, but the hub answers " + r.statusCode() + " " + r.body());
                checked.add(operation);
            }
        }
        assertTrue(checked.size() >= 25, checked.toString());
        assertTrue(checked.contains("POST /api/sms") && checked.contains("GET /api/broadcasts/{id}/recipients.csv"),
                checked.toString());
    }

    /** The template with each path parameter's example filled in. */
    private static String concrete(String template, JsonNode operation) {
        String path = template;
        for (JsonNode p : operation.path("parameters")) {
            if (p.get("in").asText().equals("path")) {
                assertTrue(p.has("example"), template + ": path parameter " + p.get("name") + " needs an example");
                path = path.replace("{" + p.get("name").asText() + "}", p.get("example").asText());
            }
        }
        assertFalse(path.contains("{"), template + ": a path parameter is not described");
        return path;
    }

    /**
     * Each HTTP consumer's path, and whether it takes every path under it as well: plain Jetty routes, and the REST DSL's
     * operations (their path template, {id} and all) and its route for this document.
     */
    private Map<String, Boolean> consumers() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Route route : hub.hub().camelContext().getRoutes()) {
            if (route.getEndpoint() instanceof HttpCommonEndpoint http) {
                String path = http.getHttpUri().getPath();
                out.put(path == null || path.isEmpty() ? "/" : path, http.isMatchOnUriPrefix());
            } else if (route.getEndpoint() instanceof RestEndpoint rest) {
                String path = ("/" + rest.getPath() + "/" + (rest.getUriTemplate() == null ? "" : rest.getUriTemplate()))
                        .replaceAll("/+", "/");
                out.put(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path, false);
            } else if (route.getEndpoint() instanceof RestApiEndpoint api) {
                out.put(("/" + api.getPath()).replaceAll("/+", "/"), false);
            }
        }
        return out;
    }

    private static boolean served(Map<String, Boolean> consumers, String path) {
        return consumers.entrySet().stream().anyMatch(c -> c.getKey().equals(path)
                || c.getValue() && path.startsWith(c.getKey().endsWith("/") ? c.getKey() : c.getKey() + "/"));
    }

    private static String error(HttpResponse<String> r) {
        try {
            return ApiClient.JSON.readTree(r.body()).path("error").asText("");
        } catch (Exception e) {
            return "";
        }
    }
}
