package org.switchboard.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.TestDatabaseExtension;

/** NOTIFY decisions and forward claims on a real PostgreSQL. */
class VoicemailStoreTest {

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private VoicemailStore store;

    @BeforeEach
    void emptyTables() {
        db.truncate("voicemail_notify", "voicemail_mailbox", "voicemail_forward");
        store = new VoicemailStore(db.dataSource());
    }

    private Decision notify(String mailbox, int newCount, int oldCount) {
        return store.record(mailbox, new VoicemailCounts(newCount, oldCount), "127.0.0.1:5060");
    }

    @Test
    void aRisingNewCountNotifiesAndARepeatDoesNot() {
        Decision first = notify("1001", 1, 8);
        assertTrue(first.notifyOwner(), first.reason());
        assertEquals(1, first.notification());

        Decision same = notify("1001", 1, 8);
        assertFalse(same.notifyOwner());
        assertEquals("new count unchanged (1)", same.reason());

        Decision rise = notify("1001", 2, 8);
        assertTrue(rise.notifyOwner());
        assertEquals("new count rose from 1 to 2", rise.reason());
        assertEquals(2, rise.notification());
    }

    @Test
    void aFirstNotifyWithoutNewMessagesDoesNotNotify() {
        Decision d = notify("1002", 0, 3);
        assertFalse(d.notifyOwner());
        assertEquals(0, d.notification());
        assertTrue(notify("1002", 1, 3).notifyOwner());
    }

    @Test
    void afterListeningTheNextRiseNotifiesAgain() {
        assertTrue(notify("1001", 2, 0).notifyOwner());
        Decision fell = notify("1001", 0, 2);
        assertFalse(fell.notifyOwner());
        assertEquals("new count fell from 2 to 0 (messages listened to)", fell.reason());
        Decision again = notify("1001", 1, 2);
        assertTrue(again.notifyOwner(), "a new message after listening is news even though 1 < 2");
        assertEquals(2, again.notification());
        assertEquals(1, store.state("1001").orElseThrow().notifiedNew());
    }

    @Test
    void mailboxesAreIndependent() {
        assertTrue(notify("1001", 1, 0).notifyOwner());
        assertTrue(notify("1002", 1, 0).notifyOwner());
        assertFalse(notify("1001", 1, 0).notifyOwner());
    }

    @Test
    void everyNotifyIsStoredWithItsSourceAndDecision() {
        notify("1001", 1, 0);
        store.record("1001", new VoicemailCounts(1, 0, 1, 0), "10.0.0.5:5060");
        List<VoicemailStore.ReceivedNotify> rows = store.notifies("1001", 10);
        assertEquals(2, rows.size());
        assertEquals("10.0.0.5:5060", rows.get(0).source());
        assertFalse(rows.get(0).notified());
        assertEquals(new VoicemailCounts(1, 0, 1, 0), rows.get(0).counts());
        assertTrue(rows.get(1).notified());
        assertTrue(rows.get(0).id() > rows.get(1).id());
        assertEquals(new VoicemailCounts(1, 0, 1, 0), store.state("1001").orElseThrow().counts());
    }

    @Test
    void concurrentNotifiesForOneMailboxNotifyOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            String mailbox = "20" + round;
            int threads = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Decision>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return notify(mailbox, 3, 1);
                    }));
                }
                start.countDown();
                int notified = 0;
                for (Future<Decision> f : results) {
                    notified += f.get().notifyOwner() ? 1 : 0;
                }
                assertEquals(1, notified, "mailbox " + mailbox);
                assertEquals(threads, store.notifies(mailbox, 100).size());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anEmailIsClaimedForForwardingOnce() {
        assertTrue(store.claimForward("<Asterisk-1-2-1001@pbx>", "1001", "John <1234>"));
        assertFalse(store.claimForward("<Asterisk-1-2-1001@pbx>", "1001", "John <1234>"));
        assertTrue(store.claimForward("<Asterisk-2-2-1001@pbx>", "1001", "John <1234>"));
        store.releaseForward("<Asterisk-1-2-1001@pbx>");
        assertTrue(store.claimForward("<Asterisk-1-2-1001@pbx>", "1001", "John <1234>"), "released after a failed send");
    }

    @Test
    void theSameAsteriskEmailReadTwiceIsForwardedOnce() throws Exception {
        int forwarded = 0;
        for (int reading = 0; reading < 2; reading++) {
            AsteriskVoicemailMail vm = AsteriskVoicemailMail.parse(VoicemailMailsTest.eml("asterisk-voicemail.eml"))
                    .voicemail().orElseThrow();
            if (store.claimForward(vm.messageId(), vm.mailbox(), vm.caller().display())) {
                forwarded++;
            }
        }
        assertEquals(1, forwarded);
    }
}
