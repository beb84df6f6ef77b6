package org.switchboard.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.auth.Role;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link MetricsRoute} on the hub's Jetty: GET /metrics is the registry's meters as they are at the scrape, in
 * Prometheus' text format, for a scraper with an API key or basic auth (staff too); without credentials it is 401 JSON
 * and shows nothing, and the scraper's key is never echoed back.
 */
class MetricsRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter sent = Counter.builder("switchboard.test.sms").tag("channel", "alpha").register(registry);
    private TestHttp http;
    private String key;

    @BeforeEach
    void start() throws Exception {
        TestRows.update(db.dataSource(), "DELETE FROM api_key");
        http = TestHttp.create(db.dataSource());
        key = http.keys().create("prometheus", Role.STAFF, "admin").key();
        http.add(new MetricsRoute(registry)).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        registry.close();
    }

    @Test
    void aScrapeShowsTheMetersAsTheyAreNowInPrometheusTextFormat() throws Exception {
        sent.increment(3);
        HttpResponse<String> first = http.send("GET", "/metrics", null, "X-API-Key", key);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(MetricsRoute.CONTENT_TYPE, first.headers().firstValue("Content-Type").orElse("")
                .replace(";charset", "; charset"));
        assertTrue(first.body().contains("# TYPE switchboard_test_sms_total counter"), first.body());
        assertTrue(first.body().contains("switchboard_test_sms_total{channel=\"alpha\"} 3.0"), first.body());
        assertTrue(first.headers().firstValue("X-API-Key").isEmpty(), "the key is not echoed back");

        sent.increment(2);
        HttpResponse<String> second = http.asAdmin("GET", "/metrics", null);
        assertTrue(second.body().contains("switchboard_test_sms_total{channel=\"alpha\"} 5.0"), second.body());
        assertTrue(second.headers().firstValue("Authorization").isEmpty(), "the password is not echoed back");
        HttpResponse<String> head = http.send("HEAD", "/metrics", null, "X-API-Key", key);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void withoutCredentialsTheMetricsAre401AndShowNothing() throws Exception {
        sent.increment();
        HttpResponse<String> r = http.send("GET", "/metrics", null);
        TestHttp.error(r, 401, "credentials required");
        assertFalse(r.body().contains("switchboard_test_sms"), r.body());
        TestHttp.error(http.send("GET", "/metrics", null, "X-API-Key", key + "x"), 401, "unknown or revoked API key");
        assertEquals(401, http.send("HEAD", "/metrics", null).statusCode());
    }
}
