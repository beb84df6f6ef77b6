package org.switchboard.hub.routes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;

/** The HTTP API's one user, {@code admin}, and its password: the basic-auth check every API route shares. */
public final class ApiCredentials {
    public static final String USER = "admin";
    private final byte[] expected;

    public ApiCredentials(String adminPassword) {
        this.expected = (USER + ":" + adminPassword).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The role of {@code user} when {@code password} is theirs, else empty: for interfaces that carry credentials as
     * parameters (Kannel's sendsms). Until users exist, only admin, with role admin.
     */
    public Optional<String> checkPassword(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        byte[] given = (USER + ":" + password).getBytes(StandardCharsets.UTF_8);
        return USER.equals(user) && MessageDigest.isEqual(given, expected) ? Optional.of("admin") : Optional.empty();
    }

    /** Whether an {@code Authorization} header carries admin's credentials (compared in constant time). */
    public boolean authorised(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(decoded, expected);
    }

    /**
     * Lets the request through when it carries admin's credentials (header {@code SwitchboardUser} then names the
     * user); otherwise answers 401 with a basic-auth
     * challenge and a JSON error, and returns false.
     */
    public boolean admit(Exchange exchange) throws JsonProcessingException {
        if (authorised(exchange.getIn().getHeader("Authorization", String.class))) {
            // Set here, never taken from the request: a client could send a header of that name itself.
            exchange.getIn().setHeader(ApiRequests.USER_HEADER, USER);
            return true;
        }
        exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"switchboard\"");
        JsonReply.send(exchange, 401, Map.of("error", "credentials required",
                "detail", "use HTTP basic auth as user " + USER + " with the hub's admin password"));
        return false;
    }
}
