package org.switchboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.Sql;
import org.switchboard.store.TestDatabaseExtension;

/**
 * Dashboard sessions on a real PostgreSQL, as two nodes of the hub see them (two pools on one database): a session
 * opened through one is valid through the other, ends on both with sign-out, idleness or a changed password, and
 * nothing stored lets anyone sign in or forge a CSRF token.
 */
class SessionsTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final Duration IDLE = Duration.ofMinutes(30);
    private Sessions one;
    private Sessions two;

    @BeforeEach
    void emptyTables() {
        db.truncate("dashboard_session", "app_user");
        one = new Sessions(db.dataSource(), IDLE);
        two = new Sessions(db.otherNode(), IDLE);
    }

    @Test
    void aSessionOpenedOnOneNodeIsValidOnTheOtherAndSigningOutOnOneEndsItOnBoth() {
        Session s = one.open("budi", Role.STAFF);
        assertNotEquals(s.id(), s.csrf());
        assertTrue(s.id().length() >= 40);
        assertEquals(s, two.touch(s.id()).orElseThrow(), "the other node knows the session, its CSRF token included");
        assertEquals(s, one.touch(s.id()).orElseThrow());
        Session other = two.open("budi", Role.STAFF);
        two.close(s.id());
        assertTrue(one.touch(s.id()).isEmpty(), "signed out on the other node");
        assertTrue(two.touch(s.id()).isEmpty());
        assertTrue(one.touch(other.id()).isPresent(), "only that session ended");
        assertTrue(one.touch(null).isEmpty());
        assertTrue(one.touch("made-up").isEmpty());
    }

    @Test
    void aSessionLastsWhileUsedOnAnyNodeAndEndsAfterTheIdleTime() {
        Session s = one.open("budi", Role.STAFF);
        idleFor(s, IDLE.minusMinutes(1));
        assertTrue(two.touch(s.id()).isPresent(), "29 minutes idle");
        // that request started its idle time again: 29 minutes since it, 58 since the sign-in
        idleFor(s, IDLE.minusMinutes(1));
        assertTrue(one.touch(s.id()).isPresent());
        idleFor(s, IDLE.plusSeconds(1));
        assertTrue(two.touch(s.id()).isEmpty(), "30 minutes idle");
        assertTrue(one.touch(s.id()).isEmpty());
        // and the next sign-in clears it away
        one.open("siti", Role.ADMIN);
        assertEquals(1, count("SELECT count(*) FROM dashboard_session"));
    }

    @Test
    void aChangedPasswordOrRoleEndsTheUsersSessionsOnEveryNode() {
        UserStore users = new UserStore(db.dataSource());
        users.add("budi", Role.STAFF, "first password");
        users.add("siti", Role.STAFF, "siti's password");
        Session a = one.open("budi", Role.STAFF);
        Session b = two.open("budi", Role.STAFF);
        Session c = two.open("siti", Role.STAFF);
        // changed through the store, as the CLI or another node would: no call to Sessions at all
        assertTrue(users.setPassword("budi", "second password"));
        assertTrue(one.touch(a.id()).isEmpty());
        assertTrue(two.touch(b.id()).isEmpty());
        assertTrue(one.touch(c.id()).isPresent());
        users.ensure("siti", Role.ADMIN, "siti's password");
        assertTrue(two.touch(c.id()).isEmpty(), "siti's session said staff");
    }

    @Test
    void neitherTheCookieNorTheCsrfTokenIsStored() throws SQLException {
        Session s = one.open("budi", Role.STAFF);
        List<String> stored = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM dashboard_session")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    stored.add(rs.getString(i));
                }
            }
        }
        assertTrue(stored.contains(Digests.sha256Hex(s.id())), stored.toString());
        for (String value : stored) {
            assertFalse(value.contains(s.id()), value);
            assertFalse(value.contains(s.csrf()), value);
        }
    }

    @Test
    void theCsrfTokenMustBeTheSessionsOwn() {
        Session a = one.open("budi", Role.STAFF);
        Session b = one.open("budi", Role.STAFF);
        assertTrue(Sessions.csrfMatches(a, a.csrf()));
        assertTrue(Sessions.csrfMatches(two.touch(a.id()).orElseThrow(), a.csrf()));
        assertFalse(Sessions.csrfMatches(a, b.csrf()));
        assertFalse(Sessions.csrfMatches(a, null));
        assertFalse(Sessions.csrfMatches(a, ""));
    }

    @Test
    void oneUsersSessionsAreBounded() {
        Session first = one.open("budi", Role.STAFF);
        idleFor(first, Duration.ofMinutes(1));
        for (int i = 0; i < Sessions.MAX_PER_USER; i++) {
            two.open("budi", Role.STAFF);
        }
        assertEquals(Sessions.MAX_PER_USER, count("SELECT count(*) FROM dashboard_session WHERE user_name = 'budi'"));
        assertTrue(one.touch(first.id()).isEmpty(), "the longest idle went");
    }

    /** As if the session's last request were {@code idle} ago. */
    private static void idleFor(Session s, Duration idle) {
        Sql.update(db.dataSource(), "ageing a session", "UPDATE dashboard_session SET last_seen_at = now()"
                + " - make_interval(secs => ?) WHERE token_sha256 = ?", (double) idle.toSeconds(), Digests.sha256Hex(s.id()));
    }

    private static long count(String sql) {
        return Sql.inTransaction(db.dataSource(), "counting", c -> {
            try (var ps = c.prepareStatement(sql)) {
                return Sql.first(ps, rs -> rs.getLong(1)).orElseThrow();
            }
        });
    }
}
