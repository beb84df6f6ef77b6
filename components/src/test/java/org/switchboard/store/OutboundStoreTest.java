package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.store.TestDatabases.TestDatabase;

/** The outbound SMS queue on a real PostgreSQL: idempotent storing, claiming, retries and crash recovery. */
class OutboundStoreTest {

    private static final String TO = "+6281234567890";

    private static TestDatabase db;
    private MessageStore store;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabases.create();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyTables() {
        TestDatabases.truncateAll(db.dataSource());
        store = new MessageStore(db.dataSource());
    }

    private StoredOutbound reply(String messageId, String text) {
        return store.storeOutbound(new NewOutbound(TO, text, NewOutbound.SOURCE_EMAIL_REPLY, messageId, "staff@switchboard.local"));
    }

    @Test
    void theSameReplyStoredTwiceIsOneSms() {
        StoredOutbound first = reply("<reply-1@mail>", "Printer sudah diperbaiki");
        StoredOutbound again = reply("<reply-1@mail>", "Printer sudah diperbaiki");
        StoredOutbound other = reply("<reply-2@mail>", "Printer sudah diperbaiki");

        assertFalse(first.duplicate());
        assertTrue(again.duplicate());
        assertEquals(first.id(), again.id());
        assertFalse(other.duplicate());
        assertNotEquals(first.id(), other.id());
    }

    @Test
    void withoutASourceRefEveryRequestIsItsOwnSms() {
        NewOutbound api = new NewOutbound(TO, "hello", NewOutbound.SOURCE_API, null, "admin");
        assertNotEquals(store.storeOutbound(api).id(), store.storeOutbound(api).id());
    }

    @Test
    void aStoredSmsReadsBackPending() {
        long id = reply("<r@mail>", "Halo 👋").id();
        OutboundSms sms = store.outbound(id).orElseThrow();
        assertEquals(TO, sms.recipient());
        assertEquals("Halo 👋", sms.text());
        assertEquals("email-reply", sms.source());
        assertEquals("<r@mail>", sms.sourceRef());
        assertEquals("staff@switchboard.local", sms.requestedBy());
        assertEquals(OutboundStatus.PENDING, sms.status());
        assertEquals(0, sms.attempts());
        assertNull(sms.parts());
        assertEquals(List.of(), sms.messageRefs());
        assertTrue(sms.createdAt() != null);
    }

    @Test
    void claimingTakesDueSmsOnceAndCountsTheAttempt() {
        OffsetDateTime now = OffsetDateTime.now();
        long a = reply("<a@mail>", "a").id();
        long b = reply("<b@mail>", "b").id();
        long c = reply("<c@mail>", "c").id();

        List<OutboundSms> claimed = store.claimOutbound(2, now);
        assertEquals(List.of(a, b), claimed.stream().map(OutboundSms::id).toList());
        assertTrue(claimed.stream().allMatch(s -> s.status() == OutboundStatus.SENDING && s.attempts() == 1));
        assertEquals(List.of(c), store.claimOutbound(10, now).stream().map(OutboundSms::id).toList());
        assertTrue(store.claimOutbound(10, now).isEmpty());

        assertTrue(store.markSent(a, "modem1", 2, List.of(17, 18)));
        OutboundSms sent = store.outbound(a).orElseThrow();
        assertEquals(OutboundStatus.SENT, sent.status());
        assertEquals("modem1", sent.modem());
        assertEquals(2, sent.parts());
        assertEquals(List.of(17, 18), sent.messageRefs());
        assertTrue(sent.sentAt() != null);

        // A +CMS ERROR that a retry may cure: back to the queue, due later.
        assertTrue(store.markOutboundRetry(b, "+CMS ERROR: 38", now.plusSeconds(30)));
        assertTrue(store.claimOutbound(10, now.plusSeconds(29)).isEmpty());
        List<OutboundSms> again = store.claimOutbound(10, now.plusSeconds(30));
        assertEquals(List.of(b), again.stream().map(OutboundSms::id).toList());
        assertEquals(2, again.get(0).attempts());
        assertEquals("+CMS ERROR: 38", again.get(0).error());

        assertTrue(store.markOutboundFailed(c, "+CMS ERROR: 21 (rejected)"));
        assertEquals(OutboundStatus.FAILED, store.outbound(c).orElseThrow().status());
        // A finished SMS never returns to the queue.
        assertFalse(store.markOutboundRetry(a, "late", now));
        assertFalse(store.markOutboundRetry(c, "late", now));
        assertFalse(store.markOutboundFailed(a, "late"));
        assertEquals(OutboundStatus.SENT, store.outbound(a).orElseThrow().status());
    }

    @Test
    void concurrentClaimersNeverGetTheSameSms() throws Exception {
        int total = 400;
        for (int i = 0; i < total; i++) {
            reply("<m" + i + "@mail>", "sms " + i);
        }
        int claimers = 4;
        CyclicBarrier start = new CyclicBarrier(claimers);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < claimers; t++) {
                Callable<List<Long>> claimer = () -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    OffsetDateTime now = OffsetDateTime.now();
                    List<OutboundSms> batch;
                    while (!(batch = store.claimOutbound(7, now)).isEmpty()) {
                        batch.forEach(s -> mine.add(s.id()));
                    }
                    return mine;
                };
                results.add(pool.submit(claimer));
            }
            List<Long> all = new ArrayList<>();
            List<Integer> perClaimer = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                List<Long> ids = f.get(30, TimeUnit.SECONDS);
                perClaimer.add(ids.size());
                all.addAll(ids);
            }
            Set<Long> distinct = new HashSet<>(all);
            assertEquals(all.size(), distinct.size(), "an SMS was claimed twice");
            assertEquals(total, distinct.size(), "an SMS was never claimed");
            assertTrue(Collections.max(perClaimer) < total, "one claimer took everything: " + perClaimer);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void smsLeftSendingByACrashGoBackToTheQueue() {
        OffsetDateTime now = OffsetDateTime.now();
        long a = reply("<a@mail>", "a").id();
        long b = reply("<b@mail>", "b").id();
        store.claimOutbound(10, now);
        store.markSent(a, "modem1", 1, List.of(5));

        assertEquals(1, store.requeueStaleSending());
        assertEquals(OutboundStatus.SENT, store.outbound(a).orElseThrow().status());
        assertEquals(OutboundStatus.PENDING, store.outbound(b).orElseThrow().status());
        List<OutboundSms> reclaimed = store.claimOutbound(10, now);
        assertEquals(List.of(b), reclaimed.stream().map(OutboundSms::id).toList());
        assertEquals(2, reclaimed.get(0).attempts());
        assertEquals(0, store.requeueStaleSending(now.minusMinutes(1)), "a fresh claim is not stale");
        assertEquals(1, store.requeueStaleSending(now.plusMinutes(1)));
    }

    @Test
    void optOutsAreKnownToTheQueue() {
        assertFalse(store.isOptedOut(TO));
        store.storeInbound(new NewInbound("modem1", TO, "STOP", 1, false, OffsetDateTime.now()));
        assertTrue(store.isOptedOut(TO));
    }
}
