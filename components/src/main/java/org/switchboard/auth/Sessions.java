package org.switchboard.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sessions, in memory: a restart of the hub signs everyone out, which staff accept for a page they
 * reopen anyway, and no session secret is ever written to disk. A session ends after {@code idle} without requests.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    // a bound against a flood of logins filling the memory; past it the oldest-idle sessions go first
    private static final int MAX_SESSIONS = 10_000;

    private final Duration idle;
    private final Clock clock;
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    private record Entry(Session session, Instant lastSeen) {
    }

    public Sessions(Duration idle) {
        this(idle, Clock.systemUTC());
    }

    public Sessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    /** A new session for a user who just signed in. */
    public Session open(String user, Role role) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(e -> expired(e, now));
            if (sessions.size() >= MAX_SESSIONS) {
                sessions.values().stream().min((a, b) -> a.lastSeen().compareTo(b.lastSeen()))
                        .ifPresent(e -> sessions.remove(e.session().id()));
            }
        }
        Session s = new Session(token(), user, role, token());
        sessions.put(s.id(), new Entry(s, now));
        return s;
    }

    /** The live session with this cookie value, its idle time starting again; empty when unknown or expired. */
    public Optional<Session> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry e = sessions.get(id);
        if (e == null) {
            return Optional.empty();
        }
        if (expired(e, now)) {
            sessions.remove(id, e);
            return Optional.empty();
        }
        sessions.replace(id, e, new Entry(e.session(), now));
        return Optional.of(e.session());
    }

    /** Ends a session (sign-out). */
    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a user: their password changed. */
    public void closeAll(String user) {
        sessions.values().removeIf(e -> e.session().user().equals(user));
    }

    /** Whether the token a request sent is this session's, compared in constant time. */
    public static boolean csrfMatches(Session session, String token) {
        return token != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                token.strip().getBytes(StandardCharsets.UTF_8));
    }

    private boolean expired(Entry e, Instant now) {
        return !e.lastSeen().plus(idle).isAfter(now);
    }

    private static String token() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
