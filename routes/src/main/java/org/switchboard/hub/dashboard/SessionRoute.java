package org.switchboard.hub.dashboard;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.auth.Role;
import org.switchboard.auth.Session;
import org.switchboard.auth.Sessions;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpErrors;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;

/**
 * The dashboard's sign-in: {@code POST /login} (JSON {@code {"username","password"}}, nothing else) opens a session and
 * sets its cookie, {@code POST /logout} ends it, {@code GET /api/session} says who is signed in and the CSRF token
 * the dashboard sends back with every change.
 */
public final class SessionRoute extends HttpRoutes {
    // HttpOnly: page scripts never see the session; SameSite=Strict: other sites' pages never send it.
    private static final String COOKIE_ATTRIBUTES = "; Path=/; HttpOnly; SameSite=Strict";

    private final ApiCredentials credentials;

    public SessionRoute(ApiCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void configure() {
        rest("/login").tag("dashboard")
                .post().routeId("http-login").security(OPEN)
                .description("Sign in to the dashboard (JSON only): sets the session cookie (HttpOnly, SameSite=Strict)"
                        + " and answers the CSRF token that changes made with it carry")
                .consumes("application/json")
                .param().name("body").type(RestParamType.body).required(true)
                        .example("application/json", "{\"username\": \"budi\", \"password\": \"...\"}").endParam()
                .responseMessage("200", "{\"user\", \"role\", \"csrf\"}, and the cookie")
                .responseMessage("400", "username and password required, bad text")
                .responseMessage("401", "wrong user name or password")
                .responseMessage("415", "not JSON (a form or text/plain could come from another site)")
                .responseMessage("429", "too many failed sign-ins for this name, with Retry-After")
                .to("direct:http-login");
        rest("/logout").tag("dashboard")
                .post().routeId("http-logout").security(OPEN)
                .description("Sign out: ends the session (a live one only with its X-CSRF-Token)")
                .responseMessage("200", "{\"signedOut\": true or false}, the cookie cleared")
                .responseMessage("403", "CSRF token missing or wrong")
                .to("direct:http-logout");
        rest("/api/session").tag("dashboard")
                .get().routeId("http-session").security(SIGNED_IN)
                .description("Who is signed in, and the CSRF token for writes")
                .responseMessage("200", "{\"user\", \"role\", \"csrf\"}")
                .to("direct:http-session");
        from("direct:http-login").process(this::login);
        from("direct:http-logout").process(this::logout);
        from("direct:http-session").process(this::session);
    }

    private void login(Exchange exchange) throws Exception {
        // Login CSRF: another site's page could post a form (or text/plain) here and sign the visitor's browser in as
        // the attacker, whose session the visitor would then fill. Such a page cannot send application/json without a
        // CORS preflight, which the hub never allows, and the dashboard sends JSON.
        String type = Optional.ofNullable(exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class)).orElse("")
                .toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            HttpErrors.reply(exchange, 415, "JSON required", "POST /login takes Content-Type application/json:"
                    + " {\"username\": \"...\", \"password\": \"...\"}");
            return;
        }
        Map<String, String> form = credentialsOf(exchange);
        String user = form.getOrDefault("username", "");
        String password = form.getOrDefault("password", "");
        if (user.isBlank() || password.isEmpty()) {
            HttpErrors.reply(exchange, 400, "username and password required",
                    "{\"username\": \"...\", \"password\": \"...\"}");
            return;
        }
        // Only the name's sign-in failures limit this, never the user's API rate limit: anyone may call /login, and
        // were its attempts taken from that bucket, anyone could empty it and lock the user out of the API and sendsms.
        ApiCredentials.SignIn signIn = credentials.signIn(user, password);
        if (signIn.throttled()) {
            credentials.tooManyFailures(exchange, signIn.retryAfter());
            return;
        }
        Optional<String> role = signIn.role();
        if (role.isEmpty()) {
            HttpErrors.reply(exchange, 401, "wrong user name or password", "sign in again");
            return;
        }
        Session s = credentials.sessions().open(user.strip().toLowerCase(Locale.ROOT), Role.parse(role.get()));
        JsonReply.header(exchange, "Set-Cookie", ApiCredentials.SESSION_COOKIE + "=" + s.id() + COOKIE_ATTRIBUTES);
        JsonReply.header(exchange, "Cache-Control", "no-store");
        JsonReply.send(exchange, 200, view(s.user(), s.role().text(), s.csrf()));
    }

    private void logout(Exchange exchange) throws Exception {
        String id = ApiCredentials.cookie(exchange.getIn().getHeader("Cookie", String.class), ApiCredentials.SESSION_COOKIE);
        Sessions sessions = credentials.sessions();
        Optional<Session> live = sessions.touch(id);
        // a live session ends only on its own page's request: another site cannot sign staff out
        if (live.isPresent() && !Sessions.csrfMatches(live.get(),
                exchange.getIn().getHeader(ApiCredentials.CSRF_HEADER, String.class))) {
            HttpErrors.reply(exchange, 403, "CSRF token missing or wrong",
                    "send the session's token in the " + ApiCredentials.CSRF_HEADER + " header");
            return;
        }
        sessions.close(id);
        JsonReply.header(exchange, "Set-Cookie", ApiCredentials.SESSION_COOKIE + "=" + COOKIE_ATTRIBUTES + "; Max-Age=0");
        JsonReply.send(exchange, 200, Map.of("signedOut", live.isPresent()));
    }

    private void session(Exchange exchange) throws Exception {
        String id = ApiCredentials.cookie(exchange.getIn().getHeader("Cookie", String.class), ApiCredentials.SESSION_COOKIE);
        String user = exchange.getIn().getHeader(ApiCredentials.USER_HEADER, String.class);
        // the cookie's session when the request came with it (basic auth and keys have no CSRF token to tell)
        String csrf = credentials.sessions().touch(id).filter(s -> s.user().equals(user)).map(Session::csrf).orElse(null);
        JsonReply.header(exchange, "Cache-Control", "no-store");
        JsonReply.send(exchange, 200, view(user, exchange.getIn().getHeader(ApiCredentials.ROLE_HEADER, String.class), csrf));
    }

    private static Map<String, Object> view(String user, String role, String csrf) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("role", role);
        out.put("csrf", csrf);
        return out;
    }

    /** The username and password from the JSON body. */
    private static Map<String, String> credentialsOf(Exchange exchange) {
        JsonNode node = ApiRequests.jsonObject(exchange, "{\"username\": \"...\", \"password\": \"...\"}");
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : new String[] {"username", "password"}) {
            if (node.path(field).isTextual()) {
                out.put(field, node.get(field).asText());
            }
        }
        return out;
    }
}
