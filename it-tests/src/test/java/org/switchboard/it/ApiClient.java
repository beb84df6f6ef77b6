package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The hub's HTTP API as a test calls it: real HTTP over loopback, basic auth as admin with the generated password. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final Path dir;

    /** @param dir the hub's test directory: its generated admin password is in data/admin-password */
    ApiClient(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    HttpResponse<String> send(String method, String path, String type, Object body, boolean authorised)
            throws Exception {
        return send(method, path, type, body, authorised, new String[0]);
    }

    HttpResponse<String> send(String method, String path, String type, Object body, boolean authorised,
            String... headers) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : body instanceof byte[] b ? HttpRequest.BodyPublishers.ofByteArray(b)
                : HttpRequest.BodyPublishers.ofString((String) body, StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, publisher);
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (authorised) {
            String password = Files.readString(dir.resolve("data/admin-password")).trim();
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An authorised GET expected to answer 200 with JSON. */
    JsonNode get(String path) throws Exception {
        return expect(send("GET", path, null, null, true), 200);
    }

    /** An authorised request with a JSON body, expected to answer {@code status} with JSON. */
    JsonNode call(String method, String path, String json, int status) throws Exception {
        return expect(send(method, path, json == null ? null : "application/json", json, true), status);
    }

    static JsonNode expect(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
        return JSON.readTree(r.body());
    }

    /** A 4xx answered as the API promises: JSON with error and detail, the expected words in either, no stack trace. */
    static JsonNode assertError(HttpResponse<String> r, int status, String expected) throws Exception {
        JsonNode body = expect(r, status);
        assertTrue(body.hasNonNull("error") && body.has("detail"), r.body());
        String text = body.get("error").asText() + " " + body.path("detail").asText();
        assertTrue(text.contains(expected), "expected \"" + expected + "\" in " + r.body());
        assertTrue(!r.body().contains("\tat ") && !r.body().contains("Exception"), r.body());
        return body;
    }
}
