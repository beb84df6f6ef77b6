package org.switchboard.hub.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CachedProbeTest {

    @Test
    void anOutcomeIsKeptForItsTimeSoTheServerIsAskedOnce() {
        AtomicInteger calls = new AtomicInteger();
        CachedProbe probe = new CachedProbe("SMTP mail:25", () -> Map.of("n", calls.incrementAndGet()),
                Duration.ofHours(1), Duration.ofSeconds(5));
        CachedProbe.Outcome first = probe.outcome();
        CachedProbe.Outcome second = probe.outcome();
        assertTrue(first.up() && second.up());
        assertEquals(1, calls.get());
        assertEquals(Map.of("n", 1), second.details());
    }

    @Test
    void aFailureIsDownWithTheServerAndTheReasonAndAskedAgainOnceStale() {
        AtomicInteger calls = new AtomicInteger();
        CachedProbe probe = new CachedProbe("SMTP mail:25", () -> {
            calls.incrementAndGet();
            throw new IOException("Couldn't connect to host", new ConnectException("Connection refused"));
        }, Duration.ZERO, Duration.ofSeconds(5));
        CachedProbe.Outcome o = probe.outcome();
        assertFalse(o.up());
        assertEquals("SMTP mail:25: Couldn't connect to host (Connection refused)", o.message());
        probe.outcome();
        assertEquals(2, calls.get());
    }

    @Test
    void aProbeOverrunningItsDeadlineIsDownAndNoSecondOneStartsMeanwhile() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch answer = new CountDownLatch(1);
        CachedProbe probe = new CachedProbe("the database", () -> {
            calls.incrementAndGet();
            answer.await();
            return Map.of();
        }, Duration.ZERO, Duration.ofMillis(20));
        CachedProbe.Outcome stuck = probe.outcome();
        assertFalse(stuck.up());
        assertTrue(stuck.message().startsWith("the database did not answer within "), stuck.message());
        assertFalse(probe.outcome().up());
        assertEquals(1, calls.get(), "the overrunning probe is waited for, not started again");

        answer.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.outcome().up());
        assertEquals(1, calls.get(), "its late answer is the next outcome");
    }
}
