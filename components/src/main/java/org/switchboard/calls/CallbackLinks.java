package org.switchboard.calls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.switchboard.store.Sql;

/**
 * The "call back" links of the help desk's emails: a token signed with the hub's key (HMAC-SHA256) that names the
 * inbound SMS, its sender and when it expires, so checking it needs nothing stored; used once, it is recorded in
 * {@code callback_link} (by the SHA-256 of what it says, never the token) and refused after. The key is in {@code hub_secret}, made at
 * the first start, so that every node checks what any node signed.
 */
public final class CallbackLinks {
    private static final String KEY_NAME = "callback-link";
    private static final String MAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
    /** What a token looks like: base64url payload, a dot, base64url signature (32 bytes). */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{8,200}\\.[A-Za-z0-9_-]{43}");
    private static final Pattern PAYLOAD = Pattern.compile("1\\|(\\d{1,18})\\|(\\+[1-9]\\d{6,14})\\|(\\d{1,12})");

    /** What a valid token says: the SMS it answers, whom to call, until when. */
    public record Link(long smsId, String number, Instant expiresAt) {
    }

    /** Why a link is refused. */
    public enum Refusal {
        /** Not signed by this hub (or altered, or not a token at all). */
        FORGED,
        /** Signed, but its time is up. */
        EXPIRED,
        /** Signed and in time, but used already: a link starts one call. */
        USED
    }

    /**
     * A link checked: its contents when the signature holds (even when refused for its age or use), and the refusal,
     * null when it may be used.
     */
    public record Check(Link link, Refusal refusal) {
        public boolean ok() {
            return refusal == null;
        }
    }

    /** A link made for an email: its address and when it stops working. */
    public record Issued(String url, Instant expiresAt) {
    }

    /** The hub's page a link opens, under its public address. */
    public static final String PATH = "/calls/callback";

    private final DataSource dataSource;
    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;
    private final String baseUrl;

    private CallbackLinks(DataSource dataSource, byte[] key, Duration lifetime, Clock clock, String baseUrl) {
        this.dataSource = dataSource;
        this.baseUrl = baseUrl;
        this.key = new SecretKeySpec(key, MAC);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /**
     * The links with the key in the database (made now if there is none yet), each valid {@code lifetime}.
     *
     * @param baseUrl the hub as browsers reach it (https://hub.example.org), the links' start
     */
    public static CallbackLinks open(DataSource dataSource, Duration lifetime, Clock clock, String baseUrl) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a link must live a while: " + lifetime);
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        byte[] key = Sql.inTransaction(dataSource, "reading the key of the call-back links", c -> {
            // Two nodes starting at once: one insert wins, both read the same key.
            Sql.update(c, "INSERT INTO hub_secret (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    KEY_NAME, fresh);
            try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM hub_secret WHERE name = ?")) {
                ps.setString(1, KEY_NAME);
                return Sql.first(ps, rs -> rs.getBytes(1)).orElseThrow();
            }
        });
        return new CallbackLinks(dataSource, key, lifetime, clock, Objects.requireNonNull(baseUrl, "baseUrl"));
    }

    /**
     * The link for calling back the sender of SMS {@code smsId}, valid {@link #lifetime()} from the SMS's arrival: the
     * same link each time the email is rendered, so a resend after a crash is the same email.
     */
    public Issued issue(long smsId, String e164, Instant receivedAt) {
        Instant expires = receivedAt.plus(lifetime);
        return new Issued(baseUrl + PATH + "?t=" + token(smsId, e164, expires), expires);
    }

    /** How long a new link works. */
    public Duration lifetime() {
        return lifetime;
    }

    /** A token expiring at {@code expiresAt} (tests make expired ones). */
    public String token(long smsId, String e164, Instant expiresAt) {
        if (!PAYLOAD.matcher("1|" + smsId + "|" + e164 + "|" + expiresAt.getEpochSecond()).matches()) {
            throw new IllegalArgumentException("a call-back link needs an SMS id and an E.164 number: " + smsId + ", "
                    + e164);
        }
        byte[] payload = ("1|" + smsId + "|" + e164 + "|" + expiresAt.getEpochSecond())
                .getBytes(StandardCharsets.US_ASCII);
        return B64.encodeToString(payload) + "." + B64.encodeToString(sign(payload));
    }

    /** Checks a token without using it: what a page that only shows the link does (a GET, a mail scanner's too). */
    public Check check(String token) {
        Optional<Link> link = verify(token);
        if (link.isEmpty()) {
            return new Check(null, Refusal.FORGED);
        }
        if (!clock.instant().isBefore(link.get().expiresAt())) {
            return new Check(link.get(), Refusal.EXPIRED);
        }
        boolean used = Sql.inTransaction(dataSource, "checking a call-back link", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM callback_link WHERE digest = ?")) {
                ps.setBytes(1, digest(token));
                return Sql.first(ps, rs -> true).isPresent();
            }
        });
        return new Check(link.get(), used ? Refusal.USED : null);
    }

    /**
     * Uses a token: records its use by {@code user} unless it is forged, expired or used already (two clicks at once:
     * one of them wins).
     */
    public Check use(String token, String user) {
        Check check = check(token);
        if (!check.ok()) {
            return check;
        }
        Link link = check.link();
        int recorded = Sql.update(dataSource, "using a call-back link", "INSERT INTO callback_link (digest, sms_id,"
                + " number, expires_at, used_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (digest) DO NOTHING", digest(token),
                link.smsId(), link.number(), Timestamp.from(link.expiresAt()), user);
        return recorded == 1 ? check : new Check(link, Refusal.USED);
    }

    /** Records the call a used link started. */
    public void started(String token, long callId) {
        Sql.update(dataSource, "recording the call of a call-back link", "UPDATE callback_link SET call_id = ? WHERE"
                + " digest = ?", callId, digest(token));
    }

    private Optional<Link> verify(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] signature;
        try {
            payload = UNB64.decode(token.substring(0, dot));
            signature = UNB64.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Constant time: how much of a signature matched must not show in how long the answer took.
        if (!MessageDigest.isEqual(sign(payload), signature)) {
            return Optional.empty();
        }
        var m = PAYLOAD.matcher(new String(payload, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Link(Long.parseLong(m.group(1)), m.group(2),
                Instant.ofEpochSecond(Long.parseLong(m.group(3)))));
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always there", e);
        }
    }

    /**
     * The SHA-256 of the token's payload, the part that says which link it is: base64 has several spellings of the
     * same bytes, and a token respelled must still be the link already used.
     */
    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(UNB64.decode(token.substring(0, token.indexOf('.'))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
