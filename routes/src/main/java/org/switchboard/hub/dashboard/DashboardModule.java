package org.switchboard.hub.dashboard;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.HttpConfig;
import org.switchboard.hub.module.HubParts;

/** The dashboard area: its static files under /dashboard/, and the sign-in that gives it a session. */
public final class DashboardModule implements CamelConfiguration {
    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        HttpConfig http = hub.settings(HttpConfig.class);
        camel.addRoutes(new SessionRoute(HubParts.shared(camel, ApiCredentials.class)));
        camel.addRoutes(new DashboardRoute(http.getHost(), http.getPort()));
    }
}
