package org.switchboard.hub.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.AuthChanges;
import org.switchboard.auth.RateBuckets;
import org.switchboard.auth.Role;
import org.switchboard.auth.Session;
import org.switchboard.auth.Sessions;
import org.switchboard.auth.SharedRateLimiter;
import org.switchboard.auth.UserStore;
import org.switchboard.store.Sql;
import org.switchboard.store.TestDatabaseExtension;

/**
 * Two nodes' credentials on one real PostgreSQL (each with its own pool, caches and limiters, as two hubs behind a load
 * balancer): a session, a spent rate limit and spent sign-in failures hold on both, and a key revoked or a password
 * changed on one node stops working on the other within {@link ApiCredentials#RECHECK}, though each caches what it
 * verified for an hour.
 */
class ApiCredentialsAcrossNodesTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final CamelContext CAMEL = new DefaultCamelContext();
    /** RECHECK, with room for a slow machine: well short of the hour the caches would otherwise keep. */
    private static final Duration WITHIN = ApiCredentials.RECHECK.plusSeconds(4);
    private static final int API_BURST = 3;
    private static final int FAILURE_BURST = 2;
    private ApiCredentials one;
    private ApiCredentials two;
    private UserStore users;
    private ApiKeyStore keys;

    @BeforeEach
    void twoNodes() {
        db.truncate("app_user", "api_key", "dashboard_session", "rate_bucket");
        users = new UserStore(db.dataSource());
        keys = new ApiKeyStore(db.dataSource());
        users.add("budi", Role.STAFF, "budi-password");
        one = node(db.dataSource());
        two = node(db.otherNode());
    }

    @AfterAll
    static void stop() throws Exception {
        CAMEL.close();
    }

    @Test
    void aSessionOpenedOnOneNodeIsSignedInOnTheOtherUntilSignedOutOnEither() {
        Session s = one.sessions().open("budi", Role.STAFF);
        assertTrue(two.signedIn(withCookie(s.id())));
        two.sessions().close(s.id());
        assertFalse(one.signedIn(withCookie(s.id())));
    }

    @Test
    void anApiLimitSpentOnOneNodeIsSpentOnTheOther() {
        assertEquals(Duration.ZERO, one.rateLimitWait("budi"));
        assertEquals(Duration.ZERO, two.rateLimitWait("budi"));
        assertEquals(Duration.ZERO, one.rateLimitWait("budi"));
        assertTrue(two.rateLimitWait("budi").compareTo(Duration.ZERO) > 0, "the burst of 3 is spent, over both");
        assertTrue(one.rateLimitWait("budi").compareTo(Duration.ZERO) > 0);
    }

    @Test
    void wrongPasswordsOnOneNodeStopPasswordChecksOnTheOther() {
        for (int i = 0; i < FAILURE_BURST; i++) {
            assertTrue(one.signIn("budi", "guess-" + i).role().isEmpty());
        }
        assertTrue(two.signIn("budi", "budi-password").throttled(), "node two does not even check the right password");
        assertTrue(one.signIn("budi", "guess-x").throttled());
    }

    @Test
    void aKeyRevokedOnOneNodeStopsWorkingOnTheOtherWithinTheRecheck() {
        String key = keys.create("billing", Role.STAFF, "test").key();
        assertTrue(two.signedIn(withKey(key)), "node two verified the key, and caches it for an hour");
        assertTrue(one.signedIn(withKey(key)));
        assertTrue(keys.revoke("billing"));
        one.keyRevoked();
        assertFalse(one.signedIn(withKey(key)), "at once on the node that revoked it");
        await().atMost(WITHIN).until(() -> !two.signedIn(withKey(key)));
        assertFalse(two.signedIn(withKey(key)));
    }

    @Test
    void aPasswordChangedOnOneNodeStopsWorkingOnTheOtherWithinTheRecheck() {
        assertEquals(Optional.of("staff"), two.checkPassword("budi", "budi-password"));
        assertTrue(users.setPassword("budi", "new-budi-password"));
        one.passwordChanged("budi");
        await().atMost(WITHIN).until(() -> two.checkPassword("budi", "budi-password").isEmpty());
        assertEquals(Optional.of("staff"), two.checkPassword("budi", "new-budi-password"));
    }

    @Test
    void cachedCredentialsStayCachedWhileNothingChanges() {
        String key = keys.create("billing", Role.STAFF, "test").key();
        assertTrue(two.signedIn(withKey(key)));
        long before = new AuthChanges(db.dataSource()).count();
        // a user added changes nobody's rights: it is not counted, and nothing is forgotten
        users.add("siti", Role.STAFF, "siti-password");
        assertEquals(before, new AuthChanges(db.dataSource()).count());
        // deleted behind the hub's back, without the trigger firing: only the cache can still answer yes
        Sql.update(db.dataSource(), "disabling the trigger",
                "ALTER TABLE api_key DISABLE TRIGGER api_key_changed");
        try {
            Sql.update(db.dataSource(), "deleting the key", "DELETE FROM api_key");
            await().pollDelay(ApiCredentials.RECHECK.multipliedBy(2)).atMost(WITHIN)
                    .until(() -> two.signedIn(withKey(key)));
        } finally {
            Sql.update(db.dataSource(), "enabling the trigger",
                    "ALTER TABLE api_key ENABLE TRIGGER api_key_changed");
        }
    }

    private static ApiCredentials node(DataSource dataSource) {
        RateBuckets buckets = new RateBuckets(dataSource);
        return new ApiCredentials(new UserStore(dataSource), new ApiKeyStore(dataSource), new AuthChanges(dataSource),
                new Sessions(dataSource, Duration.ofMinutes(30)),
                new SharedRateLimiter(buckets, "api", API_BURST, Duration.ofHours(1), API_BURST),
                new SharedRateLimiter(buckets, "login", 1, Duration.ofHours(1), FAILURE_BURST),
                1_000_000, Duration.ofHours(1));
    }

    private static Exchange withKey(String key) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getIn().setHeader(ApiCredentials.KEY_HEADER, key);
        return exchange;
    }

    private static Exchange withCookie(String session) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getIn().setHeader("Cookie", ApiCredentials.SESSION_COOKIE + "=" + session);
        return exchange;
    }
}
