package org.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.AuthChanges;
import org.switchboard.auth.RateBuckets;
import org.switchboard.auth.Role;
import org.switchboard.auth.Sessions;
import org.switchboard.auth.SharedRateLimiter;
import org.switchboard.auth.UserStore;
import org.switchboard.hub.api.OpenApiRoute;
import org.switchboard.hub.http.Admission;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.HttpConfig;
import org.switchboard.hub.http.HttpRouteConfiguration;
import org.switchboard.hub.http.SwitchboardJetty;
import org.switchboard.hub.http.UnmatchedRoute;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;

/**
 * The hub's HTTP plumbing for one route's test, built as HttpModule and ApiModule build it: SwitchboardJetty bound as
 * {@code jetty}, one ApiCredentials (the admin's password {@link #ADMIN_PASSWORD}), the HTTP route configuration with
 * its Admission, the journal, and OpenApiRoute's REST configuration on a free port of 127.0.0.1. The test adds the
 * route under test, starts, and calls it over real HTTP.
 */
public final class TestHttp implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final String ADMIN_PASSWORD = "admin-password-of-the-test";
    public static final ObjectMapper JSON = new ObjectMapper();
    /** HttpModule's paths whose requests need credentials, those no route takes included. */
    private static final List<String> CREDENTIALED = List.of("/api", "/metrics");

    private final CamelContext camel = new DefaultCamelContext();
    private final HttpConfig config = new HttpConfig();
    private final UserStore users;
    private final ApiKeyStore keys;
    private final ApiCredentials credentials;
    private final Admission admission;
    private final JournalWriter journal;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestHttp(DataSource db, Consumer<HttpConfig> settings) throws Exception {
        config.setHost(HOST);
        config.setPort(freePort());
        settings.accept(config);
        // As HttpModule: the component, the admin user, the credentials, the route configuration.
        camel.addComponent("jetty", new SwitchboardJetty(config.getMaxBodyBytes()));
        users = new UserStore(db);
        users.ensure(ApiCredentials.USER, Role.ADMIN, ADMIN_PASSWORD);
        keys = new ApiKeyStore(db);
        credentials = new ApiCredentials(users, keys, new AuthChanges(db),
                new Sessions(db, Duration.ofMinutes(config.getSessionIdleMinutes())),
                new SharedRateLimiter(new RateBuckets(db), "api", config.getRatePerSecond(), Duration.ofSeconds(1),
                        config.getBurst()),
                new SharedRateLimiter(new RateBuckets(db), "login", config.getLoginFailuresPerMinute(),
                        Duration.ofMinutes(1), config.getLoginFailuresBurst()),
                config.getMaxBodyBytes(), Duration.ofSeconds(config.getAuthCacheSeconds()));
        admission = new Admission(credentials);
        camel.addRoutesConfigurations(new HttpRouteConfiguration(admission));
        journal = new JournalWriter(db);
        JournalEventNotifier.install(camel, journal);
        // As ApiModule: the REST configuration first, so every REST operation added after it is served by this Jetty.
        camel.addRoutes(new OpenApiRoute(HOST, config.getPort()));
    }

    /** The plumbing with the hub's default settings. */
    public static TestHttp create(DataSource db) throws Exception {
        return create(db, settings -> { });
    }

    /** The plumbing with {@code settings} changed from the hub's defaults (rate limits, body size...). */
    public static TestHttp create(DataSource db, Consumer<HttpConfig> settings) throws Exception {
        return new TestHttp(db, settings);
    }

    /** Adds HttpModule's fallback route for what no route takes (otherwise Jetty's own 404 answers it). */
    public TestHttp withFallback() throws Exception {
        return add(new UnmatchedRoute(HOST, config.getPort(), admission, CREDENTIALED));
    }

    /** Adds the route under test (and whatever else it needs). */
    public TestHttp add(RoutesBuilder routes) throws Exception {
        camel.addRoutes(routes);
        return this;
    }

    public TestHttp start() {
        camel.start();
        return this;
    }

    public CamelContext camel() {
        return camel;
    }

    public int port() {
        return config.getPort();
    }

    public ApiCredentials credentials() {
        return credentials;
    }

    public UserStore users() {
        return users;
    }

    public ApiKeyStore keys() {
        return keys;
    }

    public JournalWriter journal() {
        return journal;
    }

    /**
     * A request over real HTTP; {@code headers} are name, value pairs. A body without a content type is sent as
     * {@code application/json}.
     */
    public HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** As {@link #send}, with a body of bytes that need not be UTF-8. */
    public HttpResponse<String> sendBytes(String method, String path, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port() + path))
                .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        boolean typed = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As {@link #send}, signed in as the built-in admin with basic auth. */
    public HttpResponse<String> asAdmin(String method, String path, String body, String... headers) throws Exception {
        return as(ApiCredentials.USER, ADMIN_PASSWORD, method, path, body, headers);
    }

    /** As {@link #send}, signed in as {@code user} with basic auth. */
    public HttpResponse<String> as(String user, String password, String method, String path, String body,
            String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = basic(user, password);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send(method, path, body, all);
    }

    /** An Authorization header's value for basic auth. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The answer's JSON, after checking its status and that it is JSON. */
    public static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
        return JSON.readTree(r.body());
    }

    /**
     * A refusal as the API answers one: {@code status}, JSON {@code {"error", "detail"}} with {@code words} in either,
     * no stack trace, and none of the request's credentials echoed back as headers.
     */
    public static JsonNode error(HttpResponse<String> r, int status, String words) throws Exception {
        JsonNode body = json(r, status);
        assertTrue(body.hasNonNull("error") && body.has("detail"), r.body());
        String text = body.get("error").asText() + " " + body.path("detail").asText();
        assertTrue(text.contains(words), "expected \"" + words + "\" in " + r.body());
        assertFalse(r.body().contains("\tat ") || r.body().contains("Exception"), r.body());
        assertTrue(r.headers().firstValue("Authorization").isEmpty(), "the credentials are not echoed back");
        return body;
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            camel.close();
        } finally {
            journal.close();
        }
    }
}
