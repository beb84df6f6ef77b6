package org.switchboard.calls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.TestDatabaseExtension;

class CallbackLinksTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private static final Instant NOW = Instant.parse("2026-12-08T01:00:00Z");
    private static final String NUMBER = "+6281234567890";
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private CallbackLinks links() {
        return CallbackLinks.open(db.dataSource(), Duration.ofHours(24), clock, "https://hub.example.org");
    }

    private static String token(CallbackLinks.Issued issued) {
        return issued.url().substring(issued.url().indexOf("?t=") + 3);
    }

    @Test
    void aLinkNamesItsSmsAndNumberWorksOnceAndUntilItsTime() {
        CallbackLinks links = links();
        CallbackLinks.Issued issued = links.issue(41, NUMBER, NOW.minusSeconds(60));
        assertTrue(issued.url().startsWith("https://hub.example.org/calls/callback?t="), issued.url());
        assertEquals(NOW.minusSeconds(60).plus(Duration.ofHours(24)), issued.expiresAt());
        assertEquals(issued, links.issue(41, NUMBER, NOW.minusSeconds(60)), "the same email renders the same link");
        String t = token(issued);

        CallbackLinks.Check check = links.check(t);
        assertNull(check.refusal());
        assertEquals(41, check.link().smsId());
        assertEquals(NUMBER, check.link().number());
        assertNull(links.check(t).refusal(), "looking does not use it");
        assertTrue(links.use(t, "budi").ok());
        assertEquals(CallbackLinks.Refusal.USED, links.use(t, "budi").refusal());
        assertEquals(CallbackLinks.Refusal.USED, links.check(t).refusal());
    }

    @Test
    void everyNodeChecksWithTheSameKeyFromTheDatabase() {
        String t = token(links().issue(42, NUMBER, NOW));
        assertTrue(CallbackLinks.open(db.otherNode(), Duration.ofHours(24), clock, "http://b:8080").check(t).ok());
    }

    @Test
    void anExpiredLinkIsRefused() {
        CallbackLinks links = links();
        String t = token(links.issue(43, NUMBER, NOW.minus(Duration.ofHours(24))));
        assertEquals(CallbackLinks.Refusal.EXPIRED, links.check(t).refusal());
        assertEquals(CallbackLinks.Refusal.EXPIRED, links.use(t, "budi").refusal());
        now.set(NOW.minus(Duration.ofSeconds(1)));
        assertTrue(links.check(t).ok(), "a second before its end it still works");
    }

    @Test
    void aForgedOrAlteredLinkIsRefused() {
        CallbackLinks links = links();
        String t = token(links.issue(44, NUMBER, NOW));
        String payload = t.substring(0, t.indexOf('.'));
        String signature = t.substring(t.indexOf('.') + 1);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        // another number under the same signature
        String other = b64.encodeToString(("1|44|+6281299999999|" + NOW.plus(Duration.ofHours(24)).getEpochSecond())
                .getBytes(StandardCharsets.US_ASCII));
        for (String forged : new String[] {other + "." + signature, payload + "." + "A".repeat(43), payload,
                "", "not a token", t.substring(0, t.length() - 5)}) {
            assertEquals(CallbackLinks.Refusal.FORGED, links.check(forged).refusal(), forged);
            assertEquals(CallbackLinks.Refusal.FORGED, links.use(forged, "budi").refusal(), forged);
        }
        // signed by another hub's key
        CallbackLinks.Check elsewhere = links.check(signed("1|44|" + NUMBER + "|" + NOW.plusSeconds(60)
                .getEpochSecond()));
        assertEquals(CallbackLinks.Refusal.FORGED, elsewhere.refusal());
    }

    @Test
    void aRespelledTokenIsStillTheLinkUsed() {
        CallbackLinks links = links();
        String t = token(links.issue(45, NUMBER, NOW));
        assertTrue(links.use(t, "budi").ok());
        // base64 ignores the low bits of a last character that carries fewer than six: flip them
        String signature = t.substring(t.indexOf('.') + 1);
        char last = signature.charAt(signature.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char respelled = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String again = t.substring(0, t.length() - 1) + respelled;
        byte[] decoded = Base64.getUrlDecoder().decode(signature);
        byte[] decodedAgain = Base64.getUrlDecoder().decode(again.substring(again.indexOf('.') + 1));
        assertArrayEquals(decoded, decodedAgain, "the same signature spelled otherwise");
        assertEquals(CallbackLinks.Refusal.USED, links.use(again, "eve").refusal());
    }

    private static String signed(String payload) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            byte[] p = payload.getBytes(StandardCharsets.US_ASCII);
            return b64.encodeToString(p) + "." + b64.encodeToString(mac.doFinal(p));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
