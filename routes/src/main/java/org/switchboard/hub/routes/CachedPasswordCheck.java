package org.switchboard.hub.routes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link ApiCredentials#checkPassword} remembered for a while: Kannel clients send the password with every request,
 * and a password hash made to be slow (bcrypt) cannot be checked thousands of times a second. Only successes are kept,
 * keyed by the user and an HMAC of the password under a key made at start-up, so the cache holds no password, a wrong
 * password always costs the full check, and a changed password stops working within {@code ttlNanos}.
 */
final class CachedPasswordCheck {
    private record Entry(String role, long until) {
    }

    private static final int MAX_ENTRIES = 10_000;

    private final ApiCredentials credentials;
    private final long ttlNanos;
    private final byte[] key = new byte[32];
    private final ThreadLocal<Mac> macs;
    private final ConcurrentHashMap<String, Entry> admitted = new ConcurrentHashMap<>();

    CachedPasswordCheck(ApiCredentials credentials, long ttlNanos) {
        this.credentials = credentials;
        this.ttlNanos = ttlNanos;
        new SecureRandom().nextBytes(key);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime has HmacSHA256", e);
            }
        });
    }

    ApiCredentials.SignIn check(String user, String password) {
        if (user == null || password == null) {
            return new ApiCredentials.SignIn(Optional.empty(), Duration.ZERO);
        }
        String cacheKey = user + '\n' + HexFormat.of().formatHex(macs.get().doFinal(password.getBytes(StandardCharsets.UTF_8)));
        long now = System.nanoTime();
        Entry e = admitted.get(cacheKey);
        if (e != null && now - e.until() < 0) {
            return new ApiCredentials.SignIn(Optional.of(e.role()), Duration.ZERO);
        }
        ApiCredentials.SignIn signIn = credentials.signIn(user, password);
        Optional<String> role = signIn.role();
        if (role.isPresent()) {
            if (admitted.size() >= MAX_ENTRIES) {
                admitted.clear();
            }
            admitted.put(cacheKey, new Entry(role.get(), now + ttlNanos));
        } else if (e != null) {
            admitted.remove(cacheKey);
        }
        return signIn;
    }
}
