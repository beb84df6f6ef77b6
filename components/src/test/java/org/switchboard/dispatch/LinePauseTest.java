package org.switchboard.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LinePauseTest {
    private static final long S = 1_000_000_000L;

    @Test
    void pausesGrowUntilASendGoesThrough() {
        LinePause pause = new LinePause(Duration.ofSeconds(1), Duration.ofSeconds(30));
        long t = 1_000 * S;
        assertFalse(pause.paused());
        pause.fault(t);
        assertTrue(pause.paused());
        assertFalse(pause.checkDue(t + S - 1));
        assertTrue(pause.checkDue(t + S));
        assertEquals(Duration.ofSeconds(1), pause.current());
        // Still unhealthy at the check, or failed again: twice as long, up to the maximum.
        for (long expected : new long[] { 2, 4, 8, 16, 30, 30 }) {
            pause.fault(t);
            assertEquals(Duration.ofSeconds(expected), pause.current());
        }
        assertFalse(pause.checkDue(t + 29 * S));
        assertTrue(pause.checkDue(t + 30 * S));
        pause.resume();
        assertFalse(pause.paused());
        pause.fault(t);
        assertEquals(Duration.ofSeconds(30), pause.current(), "healthy at the check but failing again: no shorter pause");
        assertTrue(pause.recovered());
        assertFalse(pause.recovered());
        assertFalse(pause.paused());
        assertFalse(pause.checkDue(t + 100 * S));
        pause.fault(t);
        assertEquals(Duration.ofSeconds(1), pause.current(), "a new fault after a good send starts short again");
    }
}
