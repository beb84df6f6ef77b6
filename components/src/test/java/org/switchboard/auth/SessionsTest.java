package org.switchboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Dashboard sessions: found while used, gone after the idle time or sign-out, CSRF tokens compared exactly. */
class SessionsTest {
    private Instant now = Instant.parse("2026-11-26T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aSessionLastsWhileUsedAndEndsAfterTheIdleTime() {
        Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
        Session s = sessions.open("budi", Role.STAFF);
        assertNotEquals(s.id(), s.csrf());
        assertTrue(s.id().length() >= 40);
        now = now.plus(Duration.ofMinutes(29));
        assertEquals(s, sessions.touch(s.id()).orElseThrow());
        now = now.plus(Duration.ofMinutes(29)); // 58 minutes since the start, 29 since the last request
        assertTrue(sessions.touch(s.id()).isPresent());
        now = now.plus(Duration.ofMinutes(30));
        assertTrue(sessions.touch(s.id()).isEmpty());
        assertTrue(sessions.touch(null).isEmpty());
        assertTrue(sessions.touch("made-up").isEmpty());
    }

    @Test
    void signingOutAndPasswordChangesEndSessions() {
        Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
        Session a = sessions.open("budi", Role.STAFF);
        Session b = sessions.open("budi", Role.STAFF);
        Session c = sessions.open("siti", Role.ADMIN);
        sessions.close(a.id());
        assertTrue(sessions.touch(a.id()).isEmpty());
        assertTrue(sessions.touch(b.id()).isPresent());
        sessions.closeAll("budi");
        assertTrue(sessions.touch(b.id()).isEmpty());
        assertTrue(sessions.touch(c.id()).isPresent());
    }

    @Test
    void theCsrfTokenMustBeTheSessionsOwn() {
        Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
        Session a = sessions.open("budi", Role.STAFF);
        Session b = sessions.open("budi", Role.STAFF);
        assertTrue(Sessions.csrfMatches(a, a.csrf()));
        assertFalse(Sessions.csrfMatches(a, b.csrf()));
        assertFalse(Sessions.csrfMatches(a, null));
        assertFalse(Sessions.csrfMatches(a, ""));
    }
}
