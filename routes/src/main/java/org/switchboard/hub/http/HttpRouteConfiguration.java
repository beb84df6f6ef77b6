package org.switchboard.hub.http;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * What every HTTP route shares, declared once (Camel's route configuration {@value #ID}, which {@link HttpRoutes}
 * gives each route it builds): who may call it ({@link Admission}, before the route runs), and the JSON answer to
 * whatever the route throws ({@link ApiRequests#answer}: a refusal's own 4xx, 400 for bad input, 503 with a log
 * reference for the database, 500 with a log reference for anything else, never a stack trace).
 */
public final class HttpRouteConfiguration extends RouteConfigurationBuilder {
    public static final String ID = "http";

    private final Admission admission;

    public HttpRouteConfiguration(Admission admission) {
        this.admission = admission;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition http = routeConfiguration(ID);
        http.interceptFrom().process(admission);
        http.onException(Exception.class).handled(true)
                .process(e -> ApiRequests.answer(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
    }
}
