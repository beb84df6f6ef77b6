package org.switchboard.hub.http;

import java.time.Duration;
import java.util.List;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.AuthChanges;
import org.switchboard.auth.RateBuckets;
import org.switchboard.auth.Role;
import org.switchboard.auth.Sessions;
import org.switchboard.auth.SharedRateLimiter;
import org.switchboard.auth.UserStore;
import org.switchboard.hub.module.HubParts;

/**
 * What every HTTP area shares: the hub's Jetty component (bodies limited, errors outside the routes answered as JSON),
 * who may call ({@link ApiCredentials}, with the built-in admin set at each start to the {@link AdminPassword} the hub
 * shared), the route configuration every HTTP route uses ({@link HttpRouteConfiguration}: who may call it, errors as
 * JSON) and the route for requests no other route takes ({@link UnmatchedRoute}).
 */
public final class HttpModule implements CamelConfiguration {
    /** The paths whose requests need credentials, those no route takes included (/api, and MetricsRoute's /metrics). */
    private static final List<String> CREDENTIALED = List.of("/api", "/metrics");

    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        HttpConfig http = hub.settings(HttpConfig.class);
        camel.addComponent("jetty", new SwitchboardJetty(http.getMaxBodyBytes()));
        UserStore users = HubParts.share(camel, UserStore.class, new UserStore(hub.dataSource()));
        users.ensure(ApiCredentials.USER, Role.ADMIN, HubParts.shared(camel, AdminPassword.class).password());
        ApiKeyStore keys = HubParts.share(camel, ApiKeyStore.class, new ApiKeyStore(hub.dataSource()));
        // One instance for every route. Sessions and rate limits are in the database, shared with the other nodes.
        RateBuckets buckets = new RateBuckets(hub.dataSource());
        ApiCredentials credentials = HubParts.share(camel, ApiCredentials.class, new ApiCredentials(users, keys,
                new AuthChanges(hub.dataSource()),
                new Sessions(hub.dataSource(), Duration.ofMinutes(http.getSessionIdleMinutes())),
                new SharedRateLimiter(buckets, "api", http.getRatePerSecond(), Duration.ofSeconds(1), http.getBurst()),
                new SharedRateLimiter(buckets, "login", http.getLoginFailuresPerMinute(), Duration.ofMinutes(1),
                        http.getLoginFailuresBurst()),
                http.getMaxBodyBytes(), Duration.ofSeconds(http.getAuthCacheSeconds())));
        // Before any area's HTTP routes: the route configuration they all use, and the fallback for what none takes.
        Admission admission = new Admission(credentials);
        camel.addRoutesConfigurations(new HttpRouteConfiguration(admission));
        camel.addRoutes(new UnmatchedRoute(http.getHost(), http.getPort(), admission, CREDENTIALED));
    }
}
