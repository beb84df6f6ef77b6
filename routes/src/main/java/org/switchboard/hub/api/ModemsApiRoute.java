package org.switchboard.hub.api;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;

/**
 * {@code GET /api/modems} and {@code GET /api/modems/NAME}: each modem's signal, registration, operator, the shared
 * queue's depth, what it sent and failed, its last error and state, for the dashboard and for people.
 */
public final class ModemsApiRoute extends HttpRoutes {
    private final ModemReport report;

    public ModemsApiRoute(ModemReport report) {
        this.report = report;
    }

    @Override
    public void configure() {
        rest("/api/modems").tag("modems")
                .get().routeId("http-modems").security(SIGNED_IN)
                .description("The modems: signal, registration, queue depth, sent and failed, last error, state")
                .responseMessage("200", "one object per modem")
                .to("direct:http-modems")
                .get("/{name}").routeId("http-modem").security(SIGNED_IN)
                .description("One modem: signal, registration, queue depth, sent and failed, last error, state")
                .param().name("name").type(RestParamType.path).example("gsm1").endParam()
                .responseMessage("200", "the modem")
                .responseMessage("404", "no such modem")
                .to("direct:http-modem");
        from("direct:http-modems").process(e -> JsonReply.send(e, 200, report.all()));
        from("direct:http-modem").process(this::one);
    }

    private void one(Exchange exchange) throws Exception {
        String name = ApiRequests.pathParameter(exchange, "name");
        Map<String, Object> modem = report.one(name).orElseThrow(() -> ApiException.notFound("no such modem",
                "GET /api/modems lists the modems; " + exchange.getIn().getHeader(Exchange.HTTP_URI) + " names none of them"));
        JsonReply.send(exchange, 200, modem);
    }
}
