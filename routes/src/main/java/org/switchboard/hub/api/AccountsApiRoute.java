package org.switchboard.hub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.auth.ApiKey;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.Role;
import org.switchboard.auth.User;
import org.switchboard.auth.UserStore;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;

/**
 * Users and API keys over HTTP, for admins only: {@code GET|POST /api/users}, {@code POST /api/users/NAME/password},
 * {@code GET|POST /api/keys} (a new key is shown in the answer, once) and {@code DELETE /api/keys/NAME}. A user may
 * also change their own password.
 */
public final class AccountsApiRoute extends HttpRoutes {
    private final UserStore users;
    private final ApiKeyStore keys;
    private final ApiCredentials credentials;

    public AccountsApiRoute(UserStore users, ApiKeyStore keys, ApiCredentials credentials) {
        this.users = users;
        this.keys = keys;
        this.credentials = credentials;
    }

    @Override
    public void configure() {
        rest("/api/users").tag("accounts")
                .get().routeId("http-users").security(ADMIN)
                .description("Users and their roles (admin only)")
                .responseMessage("200", "{\"users\": [...]}")
                .to("direct:http-users")
                .post().routeId("http-user-add").security(ADMIN)
                .description("Add a user (admin only); the password is kept as a bcrypt hash")
                .consumes("application/json")
                .param().name("body").type(RestParamType.body).required(true)
                        .example("application/json", "{\"name\": \"budi\", \"role\": \"staff\", \"password\": \"...\"}")
                        .endParam()
                .responseMessage("201", "the user")
                .responseMessage("409", "there is already a user of that name")
                .to("direct:http-user-add")
                .post("/{name}/password").routeId("http-user-password").security(SIGNED_IN)
                .description("Set a user's password: an admin anyone's, a user their own given the current one")
                .consumes("application/json")
                .param().name("name").type(RestParamType.path).example("budi").endParam()
                .param().name("body").type(RestParamType.body).required(true)
                        .example("application/json", "{\"password\": \"new\", \"currentPassword\": \"old\"}")
                        .description("currentPassword: for one's own password").endParam()
                .responseMessage("200", "changed; the user's sessions end")
                .responseMessage("403", "another user's password, and not an admin; or the current password is wrong")
                .responseMessage("404", "no such user")
                .to("direct:http-user-password");
        rest("/api/keys").tag("accounts")
                .get().routeId("http-keys").security(ADMIN)
                .description("API keys, revoked ones too, never the keys themselves (admin only)")
                .responseMessage("200", "{\"keys\": [...]}")
                .to("direct:http-keys")
                .post().routeId("http-key-create").security(ADMIN)
                .description("Create an API key (admin only): the answer shows it once; send it as X-API-Key")
                .consumes("application/json")
                .param().name("body").type(RestParamType.body).required(true)
                        .example("application/json", "{\"name\": \"playsms\", \"role\": \"staff\"}").endParam()
                .responseMessage("201", "the key's name, role and the key itself")
                .responseMessage("409", "there is already a live key of that name")
                .to("direct:http-key-create")
                .delete("/{name}").routeId("http-key-revoke").security(ADMIN)
                .description("Revoke the live key of that name (admin only)")
                .param().name("name").type(RestParamType.path).example("playsms").endParam()
                .responseMessage("200", "{\"revoked\": NAME}")
                .responseMessage("404", "no such API key")
                .to("direct:http-key-revoke");
        from("direct:http-users").process(this::listUsers);
        from("direct:http-user-add").process(this::addUser);
        from("direct:http-user-password").process(this::changePassword);
        from("direct:http-keys").process(this::listKeys);
        from("direct:http-key-create").process(this::createKey);
        from("direct:http-key-revoke").process(this::revokeKey);
    }

    private void listUsers(Exchange exchange) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (User u : users.list()) {
            out.add(view(u));
        }
        JsonReply.send(exchange, 200, Map.of("users", out));
    }

    private void addUser(Exchange exchange) throws Exception {
        JsonNode body = ApiRequests.jsonObject(exchange, "{\"name\": \"budi\", \"role\": \"staff\", \"password\": \"...\"}");
        try {
            User u = users.add(body.path("name").asText(""), Role.parse(body.path("role").asText("staff")),
                    body.path("password").asText(""));
            JsonReply.send(exchange, 201, view(u));
        } catch (IllegalArgumentException e) {
            throw refused(e, "cannot add the user");
        }
    }

    /**
     * An admin sets anyone's password; anyone else only their own. One's own password (an admin's too) needs the
     * current one: a session left open or a stolen cookie must not be enough to take the account over for good.
     */
    private void changePassword(Exchange exchange) throws Exception {
        String name = ApiRequests.pathParameter(exchange, "name");
        String who = exchange.getIn().getHeader(ApiCredentials.USER_HEADER, String.class);
        boolean admin = Role.ADMIN.text().equals(exchange.getIn().getHeader(ApiCredentials.ROLE_HEADER, String.class));
        if (!admin && !name.strip().equalsIgnoreCase(who)) {
            throw new ApiException(403, "admin only", "only an admin sets another user's password");
        }
        JsonNode body = ApiRequests.jsonObject(exchange, "{\"password\": \"...\", \"currentPassword\": \"...\"}");
        if (name.strip().equalsIgnoreCase(who) && !currentPasswordGiven(exchange, who, body)) {
            return;
        }
        try {
            if (!users.setPassword(name, body.path("password").asText(""))) {
                throw ApiException.notFound("no such user", name);
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("cannot set the password", e.getMessage());
        }
        String user = users.find(name).orElseThrow().name();
        credentials.passwordChanged(user);
        JsonReply.send(exchange, 200, Map.of("user", user, "passwordChanged", true));
    }

    // through the sign-in failures like any password check: this must not become a way around them
    private boolean currentPasswordGiven(Exchange exchange, String who, JsonNode body) throws Exception {
        if (!body.path("currentPassword").isTextual()) {
            throw ApiException.badRequest("current password required", "changing one's own password takes"
                    + " {\"password\": \"new\", \"currentPassword\": \"old\"}");
        }
        ApiCredentials.SignIn signIn = credentials.signIn(who, body.get("currentPassword").asText());
        if (signIn.throttled()) {
            return credentials.tooManyFailures(exchange, signIn.retryAfter());
        }
        if (signIn.role().isEmpty()) {
            throw new ApiException(403, "current password wrong", "currentPassword is not " + who + "'s password");
        }
        return true;
    }

    private void listKeys(Exchange exchange) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ApiKey k : keys.list()) {
            out.add(view(k));
        }
        JsonReply.send(exchange, 200, Map.of("keys", out));
    }

    private void createKey(Exchange exchange) throws Exception {
        JsonNode body = ApiRequests.jsonObject(exchange, "{\"name\": \"playsms\", \"role\": \"staff\"}");
        try {
            ApiKeyStore.CreatedKey created = keys.create(body.path("name").asText(""),
                    Role.parse(body.path("role").asText("staff")),
                    exchange.getIn().getHeader(ApiCredentials.USER_HEADER, String.class));
            Map<String, Object> out = view(created.info());
            out.put("key", created.key());
            out.put("note", "the key is shown this once; send it as the " + ApiCredentials.KEY_HEADER + " header");
            JsonReply.header(exchange, "Cache-Control", "no-store");
            JsonReply.send(exchange, 201, out);
        } catch (IllegalArgumentException e) {
            throw refused(e, "cannot create the key");
        }
    }

    private void revokeKey(Exchange exchange) throws Exception {
        String name = ApiRequests.pathParameter(exchange, "name");
        if (!keys.revoke(name)) {
            throw ApiException.notFound("no such API key", name + " (or it was revoked already)");
        }
        credentials.keyRevoked();
        JsonReply.send(exchange, 200, Map.of("revoked", name.strip().toLowerCase(Locale.ROOT)));
    }

    /** 409 when the name is taken, else 400. */
    private static ApiException refused(IllegalArgumentException e, String error) {
        return new ApiException(e.getMessage().startsWith("there is already") ? 409 : 400, error, e.getMessage());
    }

    private static Map<String, Object> view(User u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", u.name());
        out.put("role", u.role().text());
        out.put("createdAt", u.createdAt().toString());
        out.put("passwordChangedAt", u.passwordChangedAt().toString());
        return out;
    }

    private static Map<String, Object> view(ApiKey k) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", k.name());
        out.put("role", k.role().text());
        out.put("createdBy", k.createdBy());
        out.put("createdAt", k.createdAt().toString());
        out.put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
        return out;
    }
}
