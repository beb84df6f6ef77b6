package org.switchboard.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/**
 * The dashboard's sessions, in the database (dashboard_session), so that every node behind a load balancer knows
 * them: a session opened on one node is valid on the others, and signing out on one ends it on all. No session secret
 * is written to disk: the table holds the SHA-256 of the cookie's token, never the token, and the CSRF token is derived
 * from the cookie's token when a request brings it. A session ends after {@code idle} without requests, measured on
 * the database's clock so that the nodes' clocks need not agree; when its user's password or role changes (V20's
 * trigger); or on sign-out. Each request with a cookie costs one UPDATE.
 */
public final class Sessions {
    /** One user's sessions kept at most; past it their longest idle go, so that a script signing in cannot fill the table. */
    static final int MAX_PER_USER = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    // Sets the CSRF token apart from the stored digest: neither can be computed from the other, both from the cookie.
    private static final String CSRF_PREFIX = "switchboard-csrf\0";

    private final DataSource dataSource;
    private final double idleSeconds;

    public Sessions(DataSource dataSource, Duration idle) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.idleSeconds = idle.toMillis() / 1000.0;
    }

    /** A new session for a user who just signed in; the sessions idle too long go at the same time. */
    public Session open(String user, Role role) {
        String token = token();
        Sql.inTransaction(dataSource, "opening a dashboard session for " + user, c -> {
            Sql.update(c, "DELETE FROM dashboard_session WHERE last_seen_at <= now() - make_interval(secs => ?)",
                    idleSeconds);
            Sql.update(c, "INSERT INTO dashboard_session (token_sha256, user_name, role) VALUES (?, ?, ?)",
                    Digests.sha256Hex(token), user, role.text());
            return Sql.update(c, "DELETE FROM dashboard_session WHERE user_name = ? AND token_sha256 IN"
                    + " (SELECT token_sha256 FROM dashboard_session WHERE user_name = ?"
                    + " ORDER BY last_seen_at DESC OFFSET ?)", user, user, MAX_PER_USER);
        });
        return new Session(token, user, role, csrf(token));
    }

    /** The live session with this cookie value, its idle time starting again; empty when unknown or expired. */
    public Optional<Session> touch(String id) {
        if (id == null || id.isEmpty() || id.length() > 200) {
            return Optional.empty();
        }
        return Sql.inTransaction(dataSource, "looking up a dashboard session", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE dashboard_session SET last_seen_at = now()"
                    + " WHERE token_sha256 = ? AND last_seen_at > now() - make_interval(secs => ?)"
                    + " RETURNING user_name, role")) {
                Sql.bind(ps, Digests.sha256Hex(id), idleSeconds);
                return Sql.first(ps, rs -> new Session(id, rs.getString("user_name"),
                        Role.parse(rs.getString("role")), csrf(id)));
            }
        });
    }

    /** Ends a session (sign-out), on every node. */
    public void close(String id) {
        if (id != null) {
            Sql.update(dataSource, "ending a dashboard session", "DELETE FROM dashboard_session WHERE token_sha256 = ?",
                    Digests.sha256Hex(id));
        }
    }

    /** Whether the token a request sent is this session's, compared in constant time. */
    public static boolean csrfMatches(Session session, String token) {
        return token != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                token.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static String csrf(String token) {
        return Digests.sha256Hex(CSRF_PREFIX + token);
    }

    private static String token() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
