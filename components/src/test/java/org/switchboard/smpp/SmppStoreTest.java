package org.switchboard.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.ClaimFilter;
import org.switchboard.store.MessageStore;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.OutboundSms;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/** SMPP submits, long messages' parts and the receipts' outbox on a real PostgreSQL, the V14 trigger included. */
class SmppStoreTest {
    private static final String TO = "+6281234567890";

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private SmppStore smpp;
    private OutboundQueue queue;
    private MessageStore messages;

    @BeforeEach
    void emptyTables() {
        TestDatabases.truncateAll(db.dataSource());
        smpp = new SmppStore(db.dataSource());
        queue = new OutboundQueue(db.dataSource());
        messages = new MessageStore(db.dataSource());
    }

    private static NewSubmit whole(String text, int registered) {
        return new NewSubmit("bank", "9123", "081234567890", TO, registered, 0, text, null);
    }

    private static NewSubmit part(int ref, int total, int seq, String text) {
        return new NewSubmit("bank", "9123", "081234567890", TO, 1, 8, text, new SubmitPart(ref, total, seq));
    }

    @Test
    void wholeMessagesBecomeOutboundSmsFromTheirAccountWithTheirOwnMessageIds() {
        List<StoredSubmit> ids = smpp.storeWhole(List.of(whole("one", 1), whole("two", 0)));
        assertEquals(2, ids.size());
        assertTrue(ids.get(1).id() > ids.get(0).id());
        OutboundSms first = queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        assertEquals("one", first.text());
        assertEquals(ids.get(0).smsId(), first.id());
        assertEquals(TO, first.recipient());
        assertEquals(SmppStore.SOURCE, first.source());
        assertEquals("bank", first.requestedBy());
    }

    @Test
    void aLongMessageIsSentOnceItsLastPartIsInWhateverTheOrder() {
        StoredPart third = smpp.storePart(part(7, 3, 3, "C"));
        StoredPart first = smpp.storePart(part(7, 3, 1, "A"));
        assertNull(third.smsId());
        assertNull(first.smsId());
        assertTrue(queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).isEmpty(), "nothing to send yet");
        StoredPart second = smpp.storePart(part(7, 3, 2, "B"));
        assertNotNull(second.smsId());
        assertEquals(3, second.partsJoined());
        OutboundSms sms = queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        assertEquals("ABC", sms.text());
        assertEquals(second.smsId(), sms.id());
        // each part kept its own message_id
        assertEquals(3, Set.of(first.id(), second.id(), third.id()).size());
    }

    @Test
    void partsArrivingTogetherOnManyConnectionsMakeExactlyOneMessage() throws Exception {
        int total = 8;
        ExecutorService pool = Executors.newFixedThreadPool(total);
        try {
            List<Future<StoredPart>> stored = new ArrayList<>();
            for (int seq = 1; seq <= total; seq++) {
                int s = seq;
                stored.add(pool.submit(() -> smpp.storePart(part(300, total, s, Integer.toString(s)))));
            }
            int joined = 0;
            for (Future<StoredPart> f : stored) {
                if (f.get().smsId() != null) {
                    joined++;
                }
            }
            assertEquals(1, joined);
        } finally {
            pool.shutdownNow();
        }
        OutboundSms sms = queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        assertEquals("12345678", sms.text());
    }

    @Test
    void aReusedReferenceSendsWhatWaitedAsItIsAndStartsANewMessage() {
        smpp.storePart(part(9, 2, 1, "lost-"));
        StoredPart again = smpp.storePart(part(9, 2, 1, "new-"));
        assertNull(again.smsId());
        assertEquals("lost-", queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow().text());
        assertNotNull(smpp.storePart(part(9, 2, 2, "end")).smsId());
        assertEquals("new-end",
                queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow().text());
    }

    @Test
    void aDeliveredSmsGivesAReceiptPerPartThatAskedAndNoneToTheOthers() {
        smpp.storePart(part(1, 2, 1, "A"));
        long smsId = smpp.storePart(part(1, 2, 2, "B")).smsId();
        long quiet = smpp.storeWhole(List.of(whole("no receipt", 0))).get(0).id();
        for (int i = 0; i < 2; i++) {
            OutboundSms s = queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
            queue.markSent(s.id(), "modems", "m1", List.of("m1:" + s.id()));
            messages.recordDeliveryReport("modems", "m1:" + s.id(), TO, "delivered", 0);
        }
        List<PendingReceipt> due = smpp.claimReceipts(List.of("bank"), 10, "hub", Duration.ofSeconds(30));
        assertEquals(2, due.size());
        for (PendingReceipt r : due) {
            assertEquals("DELIVRD", r.stat());
            assertEquals("9123", r.sourceAddr());
            assertEquals("081234567890", r.destAddr());
        }
        assertTrue(due.stream().noneMatch(r -> r.submitId() == quiet));
        assertNotNull(smsId);
        // leased: not due again until the lease ends
        assertTrue(smpp.claimReceipts(List.of("bank"), 10, "hub", Duration.ofSeconds(30)).isEmpty());
    }

    @Test
    void failureOnlyReceiptsComeForAFailureAndAnExpiredValidityIsSaidSo() {
        long onFailure = smpp.storeWhole(List.of(whole("x", 2))).get(0).id();
        OutboundSms s = queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        queue.markSent(s.id(), "modems", "m1", List.of("m1:1"));
        messages.recordDeliveryReport("modems", "m1:1", TO, "delivered", 0);
        assertTrue(smpp.claimReceipts(List.of("bank"), 10, "hub", Duration.ofSeconds(30)).isEmpty());

        smpp.storeWhole(List.of(whole("y", 2)));
        OutboundSms t = queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        queue.fail(t.id(), "+CMS ERROR: 500", 500);
        List<PendingReceipt> due = smpp.claimReceipts(List.of("bank"), 10, "hub", Duration.ofSeconds(30));
        assertEquals(1, due.size());
        assertEquals("REJECTD", due.get(0).stat());
        assertTrue(due.get(0).submitId() != onFailure);
    }

    @Test
    void receiptsWaitForTheirAccountsReceiverAreRetriedAndExpire() {
        smpp.storeWhole(List.of(whole("x", 1)));
        OutboundSms s = queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        queue.markSent(s.id(), "modems", "m1", List.of("m1:1"));
        messages.recordDeliveryReport("modems", "m1:1", TO, "failed", 70);
        assertTrue(smpp.claimReceipts(List.of("other"), 10, "hub", Duration.ofSeconds(30)).isEmpty());
        PendingReceipt r = smpp.claimReceipts(List.of("bank"), 10, "hub", Duration.ofSeconds(30)).get(0);
        assertEquals("UNDELIV", r.stat());
        assertEquals(70, r.err());
        smpp.retryReceipt(r.id(), "no answer", Duration.ZERO);
        PendingReceipt again = smpp.claimReceipts(List.of("bank"), 10, "hub", Duration.ofSeconds(30)).get(0);
        assertEquals(2, again.attempts());
        assertEquals(0, smpp.expireReceipts(Duration.ofHours(1)));
        assertEquals(1, smpp.expireReceipts(Duration.ZERO.minusSeconds(1)));
        smpp.retryReceipt(r.id(), "late", Duration.ZERO);
        assertTrue(smpp.claimReceipts(List.of("bank"), 10, "hub", Duration.ofSeconds(30)).isEmpty());
    }
}
