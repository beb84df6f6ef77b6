package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's files as the hub serves them over real HTTP: content types a browser accepts for module scripts,
 * revalidation by ETag, the redirects, and no way out of the classpath folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardFilesTest {
    @TempDir
    static Path dir;
    private InProcessHub hub;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of("switchboard.sip.enabled", "false"));
        base = "http://127.0.0.1:" + hub.httpPort();
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void theRootAndTheFolderWithoutItsSlashLeadToTheDashboard() throws Exception {
        HttpResponse<String> root = get("/");
        assertEquals(302, root.statusCode());
        assertEquals("/dashboard/", root.headers().firstValue("Location").orElse(""));
        HttpResponse<String> folder = get("/dashboard");
        assertEquals(302, folder.statusCode());
        assertEquals("/dashboard/", folder.headers().firstValue("Location").orElse(""));
        HttpResponse<String> index = get("/dashboard/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html;charset=utf-8", type(index));
        assertTrue(index.body().contains("<script type=\"module\" src=\"js/app.js\">"), index.body());
    }

    @Test
    void eachFileHasItsContentTypeAndTheHeadersThatKeepThePageSafe() throws Exception {
        Map<String, String> types = Map.of(
                "/dashboard/index.html", "text/html;charset=utf-8",
                "/dashboard/js/app.js", "text/javascript;charset=utf-8",
                "/dashboard/js/pages/compose.js", "text/javascript;charset=utf-8",
                "/dashboard/app.css", "text/css;charset=utf-8",
                "/dashboard/favicon.svg", "image/svg+xml");
        for (var e : types.entrySet()) {
            HttpResponse<String> r = get(e.getKey());
            assertEquals(200, r.statusCode(), e.getKey());
            assertEquals(e.getValue(), type(r), e.getKey());
            assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""), e.getKey());
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        }
    }

    @Test
    void anUnchangedFileIsNotSentAgain() throws Exception {
        HttpResponse<String> first = get("/dashboard/js/app.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/js/app.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void nothingOutsideTheFolderNorAFolderItselfIsServed() throws Exception {
        for (String path : List.of("/dashboard/%2e%2e/switchboard-defaults.properties",
                "/dashboard/..%2fswitchboard-defaults.properties", "/dashboard/js/%2e%2e/%2e%2e/switchboard-defaults.properties",
                "/dashboard/..%5cswitchboard-defaults.properties", "/dashboard/.hidden.js", "/dashboard/js",
                "/dashboard/org/switchboard/hub/Hub.class", "/dashboard/nothing.html")) {
            HttpResponse<String> r = get(path);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " -> " + r.statusCode());
            assertFalse(r.body().contains("switchboard.db.url"), path);
        }
        // a raw request line, as a client that does not clean up ".." itself would send it
        String raw = rawGet("/dashboard/../switchboard-defaults.properties");
        assertFalse(raw.contains("switchboard.db.url"), raw);
        assertTrue(raw.startsWith("HTTP/1.1 400") || raw.startsWith("HTTP/1.1 404"), raw);
    }

    @Test
    void filesAreOnlyRead() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/index.html"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
        assertTrue(r.body().startsWith("{\"error\":"), r.body());
    }

    /** The Content-Type as sent; Jetty writes it without the space after the semicolon. */
    private static String type(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("").replace(" ", "");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String rawGet(String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", hub.httpPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
