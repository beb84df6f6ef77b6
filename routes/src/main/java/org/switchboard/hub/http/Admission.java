package org.switchboard.hub.http;

import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;

/**
 * Who may call an HTTP route, checked before the route runs ({@link HttpRouteConfiguration} intercepts every HTTP
 * route with it): the route's {@link #ACCESS} property says {@link #OPEN}, {@link #SIGNED_IN} (the default) or
 * {@link #ADMIN}. A REST operation declares it as its security ({@link HttpRoutes}); a refused request is answered
 * 401, 403, 413 or 429 JSON by {@link ApiCredentials} and goes no further.
 */
public final class Admission implements Processor {
    /** The route property naming who may call the route. */
    public static final String ACCESS = "switchboard.access";
    /** Anyone: the route checks what it needs itself (/health, /login, the dashboard's files, Kannel's sendsms). */
    public static final String OPEN = "open";
    /** Signed in with basic auth, an API key or the dashboard's session, any role. */
    public static final String SIGNED_IN = "signed-in";
    /** Signed in with role admin. */
    public static final String ADMIN = "admin";

    private final ApiCredentials credentials;

    public Admission(ApiCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Route route = exchange.getContext().getRoute(exchange.getFromRouteId());
        Object access = route == null ? null : route.getProperties().get(ACCESS);
        if (!OPEN.equals(access)) {
            admit(exchange, ADMIN.equals(access) ? ADMIN : SIGNED_IN);
        }
    }

    /**
     * Lets the request on when the credentials admit it for {@code access}; otherwise it is answered and the route
     * stops here. Returns whether it was admitted.
     */
    public boolean admit(Exchange exchange, String access) throws Exception {
        boolean admitted = ADMIN.equals(access) ? credentials.admitAdmin(exchange) : credentials.admit(exchange);
        if (!admitted) {
            exchange.setRouteStop(true);
        }
        return admitted;
    }
}
