package org.switchboard.hub.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.hub.TestHttp;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link JsonErrorHandler}, Jetty's own refusals as JSON: a request Jetty cannot read (a NUL escaped in the path) is
 * answered 400 with {@code Connection: close}, since Jetty then closes the connection; before, it closed it unsaid,
 * and a keep-alive client's next request on it got no answer ("header parser received no bytes"). A request that is
 * only refused leaves the connection open.
 */
class JsonErrorHandlerTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        http = TestHttp.create(db.dataSource()).withFallback().add(new UnmatchedRouteTest.Things()).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    @Test
    void aRequestJettyCannotReadIsRefusedAndTheCloseIsSaid() throws Exception {
        for (String path : new String[] {"/api/things%00", "/api/contacts/1%00", "/dashboard/app%00.js"}) {
            try (Socket socket = new Socket(TestHttp.HOST, http.port())) {
                socket.setSoTimeout(10_000);
                RawHttp.Answer answer = RawHttp.get(socket, path);
                assertEquals(400, answer.status(), path + ": " + answer.body());
                JsonNode body = TestHttp.JSON.readTree(answer.body());
                assertTrue(body.get("detail").asText().contains("could not be read"), answer.body());
                assertEquals("close", answer.headers().get("connection"), path + ": " + answer.headers());
                assertEquals(-1, socket.getInputStream().read(), "Jetty closed the connection, as it said");
            }
        }
    }

    @Test
    void aRefusalOfARequestItReadLeavesTheConnectionOpen() throws Exception {
        try (Socket socket = new Socket(TestHttp.HOST, http.port())) {
            socket.setSoTimeout(10_000);
            for (int i = 0; i < 3; i++) {
                RawHttp.Answer missing = RawHttp.get(socket, "/api/nothing");
                assertEquals(404, missing.status(), missing.body());
                assertTrue(missing.headers().get("connection") == null, missing.headers().toString());
            }
            assertEquals(200, RawHttp.get(socket, "/api/things").status());
        }
    }
}
