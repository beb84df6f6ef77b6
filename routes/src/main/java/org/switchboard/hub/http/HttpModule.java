package org.switchboard.hub.http;

import java.time.Duration;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.RateLimiter;
import org.switchboard.auth.Role;
import org.switchboard.auth.Sessions;
import org.switchboard.auth.UserStore;
import org.switchboard.hub.module.HubParts;

/**
 * What every HTTP area shares: the hub's Jetty component (bodies limited, errors outside the routes answered as JSON)
 * and who may call ({@link ApiCredentials}, with the built-in admin set at each start to the {@link AdminPassword}
 * the hub shared).
 */
public final class HttpModule implements CamelConfiguration {
    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        HttpConfig http = hub.settings(HttpConfig.class);
        camel.addComponent("jetty", new SwitchboardJetty(http.getMaxBodyBytes()));
        UserStore users = HubParts.share(camel, UserStore.class, new UserStore(hub.dataSource()));
        users.ensure(ApiCredentials.USER, Role.ADMIN, HubParts.shared(camel, AdminPassword.class).password());
        ApiKeyStore keys = HubParts.share(camel, ApiKeyStore.class, new ApiKeyStore(hub.dataSource()));
        // One instance for every route: users, API keys, sessions and rate limits live in it.
        HubParts.share(camel, ApiCredentials.class, new ApiCredentials(users, keys,
                new Sessions(Duration.ofMinutes(http.getSessionIdleMinutes())),
                new RateLimiter(http.getRatePerSecond(), http.getBurst()),
                new RateLimiter(http.getLoginFailuresPerMinute(), Duration.ofMinutes(1), http.getLoginFailuresBurst()),
                http.getMaxBodyBytes(), Duration.ofSeconds(http.getAuthCacheSeconds())));
    }
}
