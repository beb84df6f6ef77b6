package org.switchboard.hub.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestsDefinition;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * The HTTP routes of one area: REST operations (Camel's REST DSL, on the hub's Jetty) and the routes they call. Every
 * operation names its route ({@code routeId}) and says who may call it as its security: {@code security(OPEN)},
 * {@code security(SIGNED_IN)} or {@code security(ADMIN)}. That becomes both the OpenAPI document's security (basic
 * auth, an API key or the session; role admin for {@link #ADMIN}) and the route's {@link Admission#ACCESS}, which the
 * HTTP route configuration ({@link HttpRouteConfiguration}) enforces before the route runs. Every route here that takes
 * requests (the REST operations, a plain Jetty route) gets that configuration; the direct routes the operations call
 * run inside them.
 * <p>
 * A path served by a plain Jetty route (Kannel's sendsms, the dashboard's files) is described for the OpenAPI document
 * with {@link #describe}, which documents operations without making routes of them.
 */
public abstract class HttpRoutes extends RouteBuilder {
    /** Security of an operation anyone may call (it checks what it needs itself). */
    protected static final String OPEN = Admission.OPEN;
    /** Security of an operation for anyone signed in: basic auth, an API key or the dashboard's session. */
    protected static final String SIGNED_IN = Admission.SIGNED_IN;
    /** Security of an operation for admins only. */
    protected static final String ADMIN = Admission.ADMIN;
    /** The OpenAPI security schemes a signed-in request uses, one of them (declared in OpenApiRoute). */
    public static final List<String> SCHEMES = List.of("basicAuth", "apiKey", "session");
    private static final Set<String> ACCESS = Set.of(OPEN, SIGNED_IN, ADMIN);

    private final RestsDefinition described = new RestsDefinition();

    /** Operations served by a plain Jetty route of this builder, for the OpenAPI document only: no route is made. */
    protected RestDefinition describe(String path) {
        return described.rest(path);
    }

    @Override
    protected void populateRests() throws Exception {
        super.populateRests();
        Map<String, String> access = new HashMap<>();
        for (RestDefinition rest : getRestCollection().getRests()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (verb.getRouteId() == null) {
                    throw new IllegalStateException(verb.asVerb() + " " + rest.getPath() + " " + verb.getPath()
                            + " has no routeId: every HTTP operation names its route");
                }
                access.put(verb.getRouteId(), security(rest, verb));
            }
        }
        for (RestDefinition rest : described.getRests()) {
            rest.getVerbs().forEach(verb -> security(rest, verb));
        }
        for (RouteDefinition route : getRouteCollection().getRoutes()) {
            if (route.getInput().getEndpointUri().startsWith("direct:")) {
                continue;
            }
            route.setRouteConfigurationId(HttpRouteConfiguration.ID);
            String level = access.get(route.getRouteId());
            if (level != null) {
                route.routeProperty(Admission.ACCESS, level);
            }
        }
        if (!described.getRests().isEmpty()) {
            getContext().getCamelContextExtension().getContextPlugin(Model.class)
                    .addRestDefinitions(described.getRests(), false);
        }
    }

    /** The operation's access, its security written out as the OpenAPI schemes it stands for. */
    private static String security(RestDefinition rest, VerbDefinition verb) {
        List<String> declared = verb.getSecurity().stream().map(SecurityDefinition::getKey).filter(ACCESS::contains)
                .toList();
        if (declared.size() != 1 || declared.size() != verb.getSecurity().size()) {
            throw new IllegalStateException(verb.asVerb() + " " + rest.getPath() + (verb.getPath() == null ? ""
                    : verb.getPath()) + " declares " + verb.getSecurity().size() + " security requirement(s): give"
                    + " exactly one of security(OPEN), security(SIGNED_IN) or security(ADMIN)");
        }
        String level = declared.get(0);
        List<SecurityDefinition> schemes = new ArrayList<>();
        if (!level.equals(OPEN)) {
            for (String scheme : SCHEMES) {
                SecurityDefinition s = new SecurityDefinition();
                s.setKey(scheme);
                s.setScopes(level.equals(ADMIN) ? ADMIN : null);
                schemes.add(s);
            }
        }
        verb.setSecurity(schemes);
        return level;
    }
}
