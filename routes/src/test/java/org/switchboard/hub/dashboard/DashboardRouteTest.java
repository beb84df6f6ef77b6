package org.switchboard.hub.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.hub.TestHttp;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link DashboardRoute} on the hub's Jetty, serving a dashboard folder the test writes: / and /dashboard lead to the
 * folder, each file is served open with its type, ETag and the headers that keep the page safe, an unchanged file is
 * 304, and nothing outside the folder (nor the folder itself, nor a file of a type it does not serve) is ever served;
 * the files are only read.
 */
class DashboardRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final String INDEX = "<!doctype html><title>Switchboard</title><script src=\"js/app.js\"></script>";
    private static final String APP = "export const answer = 42;\n";
    private static final String SECRET = "switchboard.db.password=hunter2\n";

    @TempDir
    Path classpath;
    private URLClassLoader loader;
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(classpath.resolve("dashboard/js"));
        Files.writeString(classpath.resolve("dashboard/index.html"), INDEX);
        Files.writeString(classpath.resolve("dashboard/js/app.js"), APP);
        Files.writeString(classpath.resolve("dashboard/notes.txt"), SECRET);
        Files.writeString(classpath.resolve("application.properties"), SECRET);
        Files.writeString(classpath.resolve("dashboard.json"), SECRET);
        loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null);
        http = TestHttp.create(db.dataSource());
        http.add(new DashboardRoute(TestHttp.HOST, http.port(), loader)).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        loader.close();
    }

    @Test
    void theRootAndTheFolderWithoutItsSlashLeadToTheDashboardsPage() throws Exception {
        for (String path : new String[] {"/", "/dashboard"}) {
            HttpResponse<String> r = http.send("GET", path, null);
            assertEquals(302, r.statusCode(), path);
            assertEquals("/dashboard/", r.headers().firstValue("Location").orElse(""), path);
        }
        HttpResponse<String> page = http.send("GET", "/dashboard/", null);
        assertEquals(200, page.statusCode(), page.body());
        assertEquals(INDEX, page.body());
        assertEquals(page.body(), http.send("GET", "/dashboard/index.html", null).body());
    }

    @Test
    void eachFileIsServedOpenWithItsTypeAndTheHeadersThatKeepThePageSafe() throws Exception {
        HttpResponse<String> page = http.send("GET", "/dashboard/index.html", null);
        HttpResponse<String> script = http.send("GET", "/dashboard/js/app.js", null);
        assertEquals(200, script.statusCode(), script.body());
        assertEquals(APP, script.body());
        assertEquals("text/html;charset=utf-8", type(page));
        assertEquals("text/javascript;charset=utf-8", type(script));
        for (HttpResponse<String> r : List.of(page, script)) {
            assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""));
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        }
        assertFalse(page.headers().firstValue("ETag").equals(script.headers().firstValue("ETag")));
    }

    @Test
    void anUnchangedFileIsAnswered304WithoutItsBody() throws Exception {
        String etag = http.send("GET", "/dashboard/js/app.js", null).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send("GET", "/dashboard/js/app.js", null, "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(200, http.send("GET", "/dashboard/js/app.js", null, "If-None-Match", "\"old\"").statusCode());
    }

    @Test
    void nothingOutsideTheFolderNorTheFolderItselfNorAnUnservedTypeIsServed() throws Exception {
        for (String path : new String[] {"/dashboard/notes.txt", "/dashboard/js", "/dashboard/js/",
            "/dashboard/nope.js", "/dashboard/..%2Fapplication.properties", "/dashboard/%2e%2e/application.properties",
            "/dashboard/.%2e/dashboard.json", "/dashboard/js/..%5C..%5Capplication.properties"}) {
            HttpResponse<String> r = http.send("GET", path, null);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " -> " + r.statusCode() + " " + r.body());
            assertFalse(r.body().contains("hunter2"), path);
        }
        TestHttp.error(http.send("GET", "/dashboard/nope.js", null), 404, "no such file");
    }

    @Test
    void theFilesAreOnlyRead() throws Exception {
        TestHttp.error(http.send("POST", "/dashboard/index.html", "{}"), 405, "read with GET");
        TestHttp.error(http.send("DELETE", "/dashboard/js/app.js", null), 405, "read with GET");
        HttpResponse<String> head = http.send("HEAD", "/dashboard/index.html", null);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(APP, Files.readString(classpath.resolve("dashboard/js/app.js")));
    }

    @Test
    void aWriteIsRefusedNamingTheMethodsThatRead() throws Exception {
        HttpResponse<String> post = http.send("POST", "/dashboard/index.html", "{}");
        TestHttp.error(post, 405, "method not allowed");
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
    }

    private static String type(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("").replace(" ", "");
    }
}
