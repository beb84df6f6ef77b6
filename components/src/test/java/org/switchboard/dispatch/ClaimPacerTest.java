package org.switchboard.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClaimPacerTest {
    private static final long MS = 1_000_000L;

    @Test
    void withoutALimitNothingWaits() {
        ClaimPacer pacer = new ClaimPacer(0);
        pacer.claimed(0);
        assertEquals(0, pacer.waitNanos(0));
    }

    @Test
    void claimsAreSpacedByAMinuteOverTheLimit() {
        ClaimPacer pacer = new ClaimPacer(120);
        long t = 5_000 * MS;
        assertEquals(0, pacer.waitNanos(t), "the first claim goes at once");
        pacer.claimed(t);
        assertEquals(500 * MS, pacer.waitNanos(t));
        assertEquals(100 * MS, pacer.waitNanos(t + 400 * MS));
        assertEquals(0, pacer.waitNanos(t + 500 * MS));
        // A late claim does not earn a quicker one after it.
        pacer.claimed(t + 900 * MS);
        assertEquals(500 * MS, pacer.waitNanos(t + 900 * MS));
    }
}
