package org.switchboard.hub.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.auth.ApiKey;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.Role;
import org.switchboard.auth.User;
import org.switchboard.auth.UserStore;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.HttpErrors;
import org.switchboard.hub.http.JsonReply;

/**
 * Users and API keys over HTTP, for admins only: {@code GET|POST /api/users}, {@code POST /api/users/NAME/password},
 * {@code GET|POST /api/keys} (a new key is shown in the answer, once) and {@code DELETE /api/keys/NAME}. A user may
 * also change their own password.
 */
public final class AccountsApiRoute extends RouteBuilder {
    private static final Pattern PASSWORD = Pattern.compile("^/api/users/([^/]+)/password/?$");
    private static final Pattern KEY = Pattern.compile("^/api/keys/([^/]+)/?$");

    private final String base;
    private final UserStore users;
    private final ApiKeyStore keys;
    private final ApiCredentials credentials;
    private final ObjectMapper json = new ObjectMapper();

    public AccountsApiRoute(String host, int port, UserStore users, ApiKeyStore keys, ApiCredentials credentials) {
        this.base = "jetty:http://" + host + ":" + port;
        this.users = users;
        this.keys = keys;
        this.credentials = credentials;
    }

    @Override
    public void configure() {
        HttpErrors.install(this);
        from(base + "/api/users?matchOnUriPrefix=true").routeId("http-users").process(this::users);
        from(base + "/api/keys?matchOnUriPrefix=true").routeId("http-keys").process(this::keys);
    }

    private void users(Exchange exchange) throws Exception {
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        String path = path(exchange);
        Matcher password = PASSWORD.matcher(path);
        if (password.matches()) {
            changePassword(exchange, method, URLDecoder.decode(password.group(1), StandardCharsets.UTF_8));
            return;
        }
        if (!credentials.admitAdmin(exchange)) {
            return;
        }
        if (!path.matches("^/api/users/?$")) {
            HttpErrors.reply(exchange, 404, "no such resource", path);
            return;
        }
        switch (method) {
            case "GET" -> {
                List<Map<String, Object>> out = new ArrayList<>();
                for (User u : users.list()) {
                    out.add(view(u));
                }
                JsonReply.send(exchange, 200, Map.of("users", out));
            }
            case "POST" -> {
                JsonNode body = object(exchange, "{\"name\": \"budi\", \"role\": \"staff\", \"password\": \"...\"}");
                if (body == null) {
                    return;
                }
                try {
                    User u = users.add(body.path("name").asText(""), Role.parse(body.path("role").asText("staff")),
                            body.path("password").asText(""));
                    JsonReply.send(exchange, 201, view(u));
                } catch (IllegalArgumentException e) {
                    HttpErrors.reply(exchange, e.getMessage().startsWith("there is already") ? 409 : 400,
                            "cannot add the user", e.getMessage());
                }
            }
            default -> methodNotAllowed(exchange, "GET, POST");
        }
    }

    /**
     * An admin sets anyone's password; anyone else only their own. One's own password (an admin's too) needs the
     * current one: a session left open or a stolen cookie must not be enough to take the account over for good.
     */
    private void changePassword(Exchange exchange, String method, String name) throws Exception {
        if (!credentials.admit(exchange)) {
            return;
        }
        String who = exchange.getIn().getHeader(ApiCredentials.USER_HEADER, String.class);
        boolean admin = Role.ADMIN.text().equals(exchange.getIn().getHeader(ApiCredentials.ROLE_HEADER, String.class));
        if (!admin && !name.strip().equalsIgnoreCase(who)) {
            HttpErrors.reply(exchange, 403, "admin only", "only an admin sets another user's password");
            return;
        }
        if (!"POST".equals(method)) {
            methodNotAllowed(exchange, "POST");
            return;
        }
        JsonNode body = object(exchange, "{\"password\": \"...\", \"currentPassword\": \"...\"}");
        if (body == null) {
            return;
        }
        if (name.strip().equalsIgnoreCase(who) && !currentPasswordGiven(exchange, who, body)) {
            return;
        }
        try {
            if (!users.setPassword(name, body.path("password").asText(""))) {
                HttpErrors.reply(exchange, 404, "no such user", name);
                return;
            }
        } catch (IllegalArgumentException e) {
            HttpErrors.reply(exchange, 400, "cannot set the password", e.getMessage());
            return;
        }
        String user = users.find(name).orElseThrow().name();
        credentials.passwordChanged(user);
        JsonReply.send(exchange, 200, Map.of("user", user, "passwordChanged", true));
    }

    // through the sign-in failures like any password check: this must not become a way around them
    private boolean currentPasswordGiven(Exchange exchange, String who, JsonNode body) throws Exception {
        if (!body.path("currentPassword").isTextual()) {
            HttpErrors.reply(exchange, 400, "current password required", "changing one's own password takes"
                    + " {\"password\": \"new\", \"currentPassword\": \"old\"}");
            return false;
        }
        ApiCredentials.SignIn signIn = credentials.signIn(who, body.get("currentPassword").asText());
        if (signIn.throttled()) {
            return credentials.tooManyFailures(exchange, signIn.retryAfter());
        }
        if (signIn.role().isEmpty()) {
            HttpErrors.reply(exchange, 403, "current password wrong", "currentPassword is not " + who + "'s password");
            return false;
        }
        return true;
    }

    private void keys(Exchange exchange) throws Exception {
        if (!credentials.admitAdmin(exchange)) {
            return;
        }
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        String path = path(exchange);
        if (path.matches("^/api/keys/?$")) {
            switch (method) {
                case "GET" -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (ApiKey k : keys.list()) {
                        out.add(view(k));
                    }
                    JsonReply.send(exchange, 200, Map.of("keys", out));
                }
                case "POST" -> {
                    JsonNode body = object(exchange, "{\"name\": \"playsms\", \"role\": \"staff\"}");
                    if (body == null) {
                        return;
                    }
                    try {
                        ApiKeyStore.CreatedKey created = keys.create(body.path("name").asText(""),
                                Role.parse(body.path("role").asText("staff")),
                                exchange.getIn().getHeader(ApiCredentials.USER_HEADER, String.class));
                        Map<String, Object> out = view(created.info());
                        out.put("key", created.key());
                        out.put("note", "the key is shown this once; send it as the " + ApiCredentials.KEY_HEADER
                                + " header");
                        JsonReply.header(exchange, "Cache-Control", "no-store");
                        JsonReply.send(exchange, 201, out);
                    } catch (IllegalArgumentException e) {
                        HttpErrors.reply(exchange, e.getMessage().startsWith("there is already") ? 409 : 400,
                                "cannot create the key", e.getMessage());
                    }
                }
                default -> methodNotAllowed(exchange, "GET, POST");
            }
            return;
        }
        Matcher m = KEY.matcher(path);
        if (!m.matches()) {
            HttpErrors.reply(exchange, 404, "no such resource", path);
            return;
        }
        if (!"DELETE".equals(method)) {
            methodNotAllowed(exchange, "DELETE");
            return;
        }
        String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        if (keys.revoke(name)) {
            credentials.keyRevoked();
            JsonReply.send(exchange, 200, Map.of("revoked", name.strip().toLowerCase(java.util.Locale.ROOT)));
        } else {
            HttpErrors.reply(exchange, 404, "no such API key", name + " (or it was revoked already)");
        }
    }

    /** The body as a JSON object; null when it is not one (answered 400; JSON that does not parse throws, also 400). */
    private JsonNode object(Exchange exchange, String example) throws Exception {
        JsonNode body = json.readTree(Optional.ofNullable(exchange.getIn().getBody(String.class)).orElse(""));
        if (body == null || !body.isObject()) {
            HttpErrors.reply(exchange, 400, "the body must be a JSON object", example);
            return null;
        }
        return body;
    }

    private static String path(Exchange exchange) {
        return Optional.ofNullable(exchange.getIn().getHeader(Exchange.HTTP_URI, String.class)).orElse("");
    }

    private static void methodNotAllowed(Exchange exchange, String allowed) throws Exception {
        JsonReply.header(exchange, "Allow", allowed);
        HttpErrors.reply(exchange, 405, "method not allowed", "use " + allowed);
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
