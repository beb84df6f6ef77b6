package org.switchboard.hub.http;

import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpMessage;

/**
 * The answer to a request no route takes: 404 for a path nothing serves, 405 with {@code Allow} for a method the path
 * does not take ({@link FallbackResolver} brings every such request here). Under the paths that need credentials
 * (/api, /metrics) the credentials come first, as they would for the path's own routes: without them the answer is
 * 401 whether the path exists or not.
 */
public final class UnmatchedRoute extends HttpRoutes {
    public static final String ROUTE_ID = "http-unmatched";

    private final String uri;
    private final Admission admission;
    private final List<String> credentialed;

    /** @param credentialed the path prefixes whose requests need credentials (/api, /metrics) */
    public UnmatchedRoute(String host, int port, Admission admission, List<String> credentialed) {
        // A consumer of its own for the API's prefix; FallbackResolver also sends here what no route takes elsewhere.
        this.uri = "jetty:http://" + host + ":" + port + "/api?matchOnUriPrefix=true";
        this.admission = admission;
        this.credentialed = List.copyOf(credentialed);
    }

    @Override
    public void configure() {
        from(uri).routeId(ROUTE_ID).routeProperty(Admission.ACCESS, Admission.OPEN).process(this::answer);
    }

    private void answer(Exchange exchange) throws Exception {
        String path = Optional.ofNullable(exchange.getIn().getHeader(Exchange.HTTP_URI, String.class)).orElse("/");
        if (credentialed.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"))
                && !admission.admit(exchange, Admission.SIGNED_IN)) {
            return;
        }
        HttpMessage http = exchange.getIn(HttpMessage.class);
        Object allowed = http == null || http.getRequest() == null ? null
                : http.getRequest().getAttribute(FallbackResolver.ALLOWED);
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        if (allowed != null) {
            JsonReply.header(exchange, "Allow", allowed.toString());
            HttpErrors.reply(exchange, 405, "method not allowed", method + " " + path + "; use " + allowed);
        } else {
            HttpErrors.reply(exchange, 404, "no such resource: " + path, method + " " + path
                    + ": no such path; GET /api/openapi.json describes those the hub serves");
        }
    }
}
