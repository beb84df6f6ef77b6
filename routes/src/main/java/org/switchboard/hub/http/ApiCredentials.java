package org.switchboard.hub.http;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.switchboard.auth.ApiKey;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.AuthChanges;
import org.switchboard.auth.Digests;
import org.switchboard.auth.Role;
import org.switchboard.auth.Session;
import org.switchboard.auth.Sessions;
import org.switchboard.auth.SharedRateLimiter;
import org.switchboard.auth.User;
import org.switchboard.auth.UserStore;
import org.switchboard.store.StorableText;

/**
 * Who may use the HTTP API: the one instance every API route shares. A request signs in with HTTP basic auth (a
 * user and password), an API key ({@code X-API-Key}) or the dashboard's session cookie; a cookie-signed request
 * that changes something also carries the session's CSRF token ({@code X-CSRF-Token}). Each user and key has a
 * rate limit, and bodies above the size limit are refused before anyone reads them.
 */
public final class ApiCredentials {
    /** The built-in admin user, whose password comes from SWITCHBOARD_ADMIN_PASSWORD or the generated file. */
    public static final String USER = "admin";
    /** After {@link #admit}: who made the request (a user name, or {@code key:NAME} for an API key). */
    public static final String USER_HEADER = "SwitchboardUser";
    /** After {@link #admit}: {@code admin} or {@code staff}. */
    public static final String ROLE_HEADER = "SwitchboardRole";
    public static final String KEY_HEADER = "X-API-Key";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String SESSION_COOKIE = "switchboard_session";

    /**
     * How soon a password changed, a role changed or a key revoked elsewhere (on another node, by the CLI) stops
     * working here despite the caches: once in this time one request reads the count of such changes (one small
     * query), and when it moved every cached password and key is forgotten.
     */
    public static final Duration RECHECK = Duration.ofSeconds(1);
    private static final int MAX_CACHED = 10_000;

    private final UserStore users;
    private final ApiKeyStore keys;
    private final AuthChanges changes;
    private final Sessions sessions;
    private final SharedRateLimiter limiter;
    /*
     * Wrong passwords, per user name, apart from the user's API bucket: a password check costs a bcrypt, and
     * without this an attacker could guess without end and keep a core busy doing it. One is taken before each
     * password check that is not answered from the cache and given back when the password was right, so only failures
     * count; once a name's are used up its passwords are not checked at all until the bucket refills. A right
     * password already in the cache never comes here, so applications signed in keep working during an attack.
     */
    private final SharedRateLimiter signInFailures;
    private final long maxBodyBytes;
    private final long cacheNanos;
    /*
     * bcrypt is slow on purpose (tens of milliseconds a check), and basic auth sends the password with every request:
     * an application sending through /cgi-bin/sendsms or /api/sms would spend a core per 20 requests on it, far from
     * the thousands a second the hub must take. So a successful check is remembered for a while under a salted
     * SHA-256 of "user:password" (the salt random per process, so the map is no table of plain digests), and the same
     * pair then costs one hash and one lookup. A wrong password is never cached and always pays bcrypt. Entries of a
     * user go when their password changes here; a change made by another node or the CLI within RECHECK (see
     * forgetIfChanged).
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    // The password checks under way, by the same key: see verify.
    private final Map<String, CompletableFuture<Check>> checking = new ConcurrentHashMap<>();
    // API keys likewise: one SQL lookup per request is needless; revocations here drop the cache at once.
    private final Map<String, Verified> liveKeys = new ConcurrentHashMap<>();
    private final String salt;
    // The count of sign-in changes last read, and when to read it again; see forgetIfChanged.
    private final AtomicLong nextRecheck = new AtomicLong(System.nanoTime());
    private volatile long changesSeen = -1;
    // Bumped when the caches are forgotten: an entry counts only in the generation its check started in, so that a
    // check under way while a change committed cannot put back what the change ended.
    private final AtomicLong generation = new AtomicLong();

    private record Verified(String name, Role role, String bucket, long until, long generation) {
    }

    /** A password check's outcome: who, or nobody (wrong), or not checked as the name's failures are used up. */
    private record Check(Verified who, Duration retryAfter) {
        boolean throttled() {
            return !retryAfter.isZero();
        }
    }

    /**
     * A password check for a route that answers in its own format (Kannel's sendsms): the role when the password is
     * right, empty when it is wrong, and when the name's sign-in failures are used up no check at all but how long to
     * wait ({@link #throttled}).
     */
    public record SignIn(Optional<String> role, Duration retryAfter) {
        public boolean throttled() {
            return !retryAfter.isZero();
        }
    }

    /**
     * @param maxBodyBytes the largest request body accepted (a CSV import is the largest the hub expects)
     * @param signInFailures the wrong passwords allowed a user name (switchboard.http.login-failures-per-minute)
     * @param cacheFor how long a verified password or key is trusted without bcrypt or the database, unless a change
     *                 to users or keys is seen first ({@link #RECHECK})
     */
    public ApiCredentials(UserStore users, ApiKeyStore keys, AuthChanges changes, Sessions sessions,
            SharedRateLimiter limiter, SharedRateLimiter signInFailures, long maxBodyBytes, Duration cacheFor) {
        this.users = Objects.requireNonNull(users, "users");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.signInFailures = Objects.requireNonNull(signInFailures, "signInFailures");
        this.maxBodyBytes = maxBodyBytes;
        this.cacheNanos = cacheFor.toNanos();
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.salt = HexFormat.of().formatHex(random);
    }

    /**
     * Lets the request through when it is signed in (any role) and within its rate limit, with {@link #USER_HEADER}
     * and {@link #ROLE_HEADER} set; otherwise it has answered 401, 403, 413 or 429 JSON and returns false.
     */
    public boolean admit(Exchange exchange) throws JsonProcessingException {
        return admit(exchange, null);
    }

    /**
     * Whether the request carries credentials that would be admitted (basic auth, an API key, a live session), for an
     * open endpoint that shows more to those who have them (/health): it answers nothing, takes nothing from the rate
     * limit, and says false where {@link #admit} would refuse.
     */
    public boolean signedIn(Exchange exchange) {
        try {
            String authorization = exchange.getIn().getHeader("Authorization", String.class);
            String apiKey = exchange.getIn().getHeader(KEY_HEADER, String.class);
            String cookie = cookie(exchange.getIn().getHeader("Cookie", String.class), SESSION_COOKIE);
            if (authorization != null) {
                return basic(authorization).who() != null;
            } else if (apiKey != null) {
                return key(apiKey).isPresent();
            }
            return cookie != null && sessions.touch(cookie).isPresent();
        } catch (RuntimeException e) {
            // the database down, say: /health must answer all the same, and says less
            return false;
        }
    }

    /** As {@link #admit}, for role admin only: a staff member gets 403. */
    public boolean admitAdmin(Exchange exchange) throws JsonProcessingException {
        return admit(exchange, Role.ADMIN);
    }

    /**
     * The role of this user when the password is theirs (the same cache as basic auth); empty when it is not, or
     * when the name's sign-in failures are used up (see {@link #signIn} to tell the two apart).
     */
    public Optional<String> checkPassword(String user, String password) {
        return signIn(user, password).role();
    }

    /** As {@link #checkPassword}, telling a wrong password from one not checked for too many failures. */
    public SignIn signIn(String user, String password) {
        Check c = verify(user, password);
        return new SignIn(Optional.ofNullable(c.who()).map(v -> v.role().text()), c.retryAfter());
    }

    /**
     * Takes one request from a user's rate limit, for a route that signs in with {@link #checkPassword} and answers
     * in its own format (Kannel's sendsms): {@link Duration#ZERO} when it may go on, else how long to wait.
     */
    public Duration rateLimitWait(String user) {
        return limiter.take("user:" + user.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** The dashboard's sessions, for the login route. */
    public Sessions sessions() {
        return sessions;
    }

    /**
     * A user's password changed in this process: forget what was verified with the old one. Their dashboard sessions
     * ended with the change itself, on every node (V20's trigger on app_user).
     */
    public void passwordChanged(String user) {
        verified.values().removeIf(v -> v.name().equals(user));
    }

    /** A key was revoked in this process: it stops working now, not when its cache entry expires. */
    public void keyRevoked() {
        liveKeys.clear();
    }

    private boolean admit(Exchange exchange, Role needed) throws JsonProcessingException {
        // spoofed copies from the request (camel-jetty turns request headers and query parameters into headers)
        exchange.getIn().removeHeader(USER_HEADER);
        exchange.getIn().removeHeader(ROLE_HEADER);
        if (!withinSizeLimit(exchange)) {
            return false;
        }
        String authorization = exchange.getIn().getHeader("Authorization", String.class);
        String apiKey = exchange.getIn().getHeader(KEY_HEADER, String.class);
        String cookie = cookie(exchange.getIn().getHeader("Cookie", String.class), SESSION_COOKIE);
        Optional<String> badText = badText(exchange, authorization, apiKey);
        if (badText.isPresent()) {
            return refuse(exchange, 400, "bad text", badText.get(), false);
        }
        Verified who;
        if (authorization != null) {
            Check check = basic(authorization);
            if (check.throttled()) {
                return tooManyFailures(exchange, check.retryAfter());
            }
            who = check.who();
            if (who == null) {
                return refuse(exchange, 401, "wrong user name or password", "HTTP basic auth was sent but not accepted",
                        true);
            }
        } else if (apiKey != null) {
            who = key(apiKey).orElse(null);
            if (who == null) {
                return refuse(exchange, 401, "unknown or revoked API key", "the " + KEY_HEADER + " header names no"
                        + " live key; an admin creates one with POST /api/keys or `switchboard keys create`", false);
            }
        } else if (cookie != null) {
            Optional<Session> session = sessions.touch(cookie);
            if (session.isEmpty()) {
                return refuse(exchange, 401, "session expired", "sign in again: POST /login", false);
            }
            Session s = session.get();
            String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
            if (!"GET".equals(method) && !"HEAD".equals(method)
                    && !Sessions.csrfMatches(s, exchange.getIn().getHeader(CSRF_HEADER, String.class))) {
                return refuse(exchange, 403, "CSRF token missing or wrong", "a signed-in page sends its session's"
                        + " token (from POST /login or GET /api/session) in the " + CSRF_HEADER + " header", false);
            }
            who = new Verified(s.user(), s.role(), "user:" + s.user(), 0, 0);
        } else {
            return refuse(exchange, 401, "credentials required", "use HTTP basic auth (e.g. as user " + USER
                    + " with the hub's admin password), an " + KEY_HEADER + " header, or sign in: POST /login", true);
        }
        if (!withinRate(exchange, who.bucket())) {
            return false;
        }
        if (needed == Role.ADMIN && who.role() != Role.ADMIN) {
            return refuse(exchange, 403, "admin only", who.name() + " is " + who.role().text()
                    + "; this needs role admin", false);
        }
        exchange.getIn().setHeader(USER_HEADER, who.name());
        exchange.getIn().setHeader(ROLE_HEADER, who.role().text());
        return true;
    }

    /** What in the credentials no user name, password, key or token holds (a NUL, say): bad input, not looked up. */
    private static Optional<String> badText(Exchange exchange, String authorization, String apiKey) {
        String[] pair = authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6) ? null
                : basicPair(authorization);
        return StorableText.problem(pair == null ? null : pair[0]).map(p -> "the Authorization header's user name: " + p)
                .or(() -> StorableText.problem(pair == null ? null : pair[1]).map(p -> "the Authorization header's"
                        + " password: " + p))
                .or(() -> StorableText.problem(apiKey).map(p -> "header " + KEY_HEADER + ": " + p))
                .or(() -> StorableText.problem(exchange.getIn().getHeader(CSRF_HEADER, String.class))
                        .map(p -> "header " + CSRF_HEADER + ": " + p));
    }

    private boolean withinSizeLimit(Exchange exchange) throws JsonProcessingException {
        Long length = exchange.getIn().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (length != null && length > maxBodyBytes) {
            HttpErrors.reply(exchange, 413, "request body too large", "the limit is " + maxBodyBytes + " bytes"
                    + " (switchboard.http.max-body-bytes); this one has " + length);
            return false;
        }
        return true;
    }

    private boolean withinRate(Exchange exchange, String bucket) throws JsonProcessingException {
        Duration wait = limiter.take(bucket);
        if (wait.isZero()) {
            return true;
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        JsonReply.header(exchange, "Retry-After", String.valueOf(seconds));
        HttpErrors.reply(exchange, 429, "too many requests", "the rate limit of " + bucket.substring(0, bucket.indexOf(':'))
                + "s is switchboard.http.rate-per-second; try again in " + seconds + " s");
        return false;
    }

    /** 429 for a sign-in refused unchecked: /login and basic auth. */
    public boolean tooManyFailures(Exchange exchange, Duration wait) throws JsonProcessingException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        JsonReply.header(exchange, "Retry-After", String.valueOf(seconds));
        HttpErrors.reply(exchange, 429, "too many failed sign-ins", "this user name had too many wrong passwords"
                + " (switchboard.http.login-failures-per-minute); passwords are not checked for it for " + seconds + " s");
        return false;
    }

    private Check basic(String header) {
        String[] pair = header.regionMatches(true, 0, "Basic ", 0, 6) ? basicPair(header) : null;
        return pair == null ? WRONG : verify(pair[0], pair[1]);
    }

    /** The user name and password of a basic Authorization header; null when it holds none. */
    private static String[] basicPair(String header) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static final Check WRONG = new Check(null, Duration.ZERO);

    private Check verify(String user, String password) {
        // no user has such a name or password, and the database would refuse to look for it
        if (user == null || password == null || StorableText.problem(user).isPresent()
                || StorableText.problem(password).isPresent()) {
            return WRONG;
        }
        String cacheKey = Digests.sha256Hex(salt + "\0" + user + "\0" + password);
        long now = System.nanoTime();
        long current = forgetIfChanged(now);
        Verified hit = verified.get(cacheKey);
        if (hit != null && fresh(hit, now, current)) {
            return new Check(hit, Duration.ZERO);
        }
        // One check per pair at a time: when an application's entry expires, its many connections all miss at once,
        // and each paying a bcrypt (and a sign-in failure token, given back only after) spent a core for a moment and
        // answered some of them "too many failures". The others wait for that one check and share its outcome.
        CompletableFuture<Check> mine = new CompletableFuture<>();
        CompletableFuture<Check> underWay = checking.putIfAbsent(cacheKey, mine);
        if (underWay != null) {
            try {
                return underWay.join();
            } catch (CompletionException e) {
                // the check failed (the database away): so does this request, as it would have alone
                throw e.getCause() instanceof RuntimeException r ? r : e;
            } catch (CancellationException e) {
                return WRONG;
            }
        }
        try {
            Check c = check(user, password, cacheKey, now, current);
            mine.complete(c);
            return c;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(cacheKey, mine);
        }
    }

    private Check check(String user, String password, String cacheKey, long now, long current) {
        // every name has a bucket, users or not: a made-up name costs a bcrypt too (UserStore's decoy)
        String failures = "login:" + truncate(user.strip().toLowerCase(Locale.ROOT));
        Duration wait = signInFailures.take(failures);
        if (!wait.isZero()) {
            return new Check(null, wait);
        }
        Optional<User> checked = users.check(user, password);
        if (checked.isEmpty()) {
            verified.remove(cacheKey);
            return WRONG;
        }
        signInFailures.giveBack(failures);
        User u = checked.get();
        Verified v = new Verified(u.name(), u.role(), "user:" + u.name(), now + cacheNanos, current);
        remember(verified, cacheKey, v);
        return new Check(v, Duration.ZERO);
    }

    // no user name is longer (AccountNames): a longer one is someone's made-up name, and needs no bucket of its own
    private static String truncate(String name) {
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private Optional<Verified> key(String secret) {
        String cacheKey = Digests.sha256Hex(secret.strip());
        long now = System.nanoTime();
        long current = forgetIfChanged(now);
        Verified hit = liveKeys.get(cacheKey);
        if (hit != null && fresh(hit, now, current)) {
            return Optional.of(hit);
        }
        Optional<ApiKey> live = keys.findLive(secret);
        if (live.isEmpty()) {
            liveKeys.remove(cacheKey);
            return Optional.empty();
        }
        ApiKey k = live.get();
        Verified v = new Verified("key:" + k.name(), k.role(), "key:" + k.id(), now + cacheNanos, current);
        remember(liveKeys, cacheKey, v);
        return Optional.of(v);
    }

    private static boolean fresh(Verified v, long now, long current) {
        return v.generation() == current && v.until() - now > 0;
    }

    /**
     * The caches' generation, after forgetting them if who may sign in changed since the last look: at most once per
     * {@link #RECHECK}, one request reads the count (the others go on meanwhile with what is cached). With the
     * database away the caches stay: nobody can change a password or revoke a key there either.
     */
    private long forgetIfChanged(long now) {
        long due = nextRecheck.get();
        if (now - due >= 0 && nextRecheck.compareAndSet(due, now + RECHECK.toNanos())) {
            long count;
            try {
                count = changes.count();
            } catch (RuntimeException e) {
                return generation.get();
            }
            if (count != changesSeen) {
                generation.incrementAndGet();
                changesSeen = count;
                verified.clear();
                liveKeys.clear();
            }
        }
        return generation.get();
    }

    // a bound on memory: only right credentials get here, so this is many users or keys, never a guessing attack
    private static void remember(Map<String, Verified> cache, String key, Verified v) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, v);
    }

    private boolean refuse(Exchange exchange, int status, String error, String detail, boolean challenge)
            throws JsonProcessingException {
        // Only where no cookie was sent: a browser answers a challenge with its own password dialog, which the
        // dashboard (signed in by cookie) must never show when its session ends.
        if (status == 401 && challenge && exchange.getIn().getHeader("Cookie") == null) {
            JsonReply.header(exchange, "WWW-Authenticate", "Basic realm=\"switchboard\"");
        }
        HttpErrors.reply(exchange, status, error, detail);
        return false;
    }

    /** One cookie's value from a Cookie header. */
    public static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                String value = part.substring(eq + 1).strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
