package org.switchboard.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.TestDatabaseExtension;

/** Progress, preview lookup and which broadcasts are ready for their report, with rows in every state. */
class BroadcastStoreTest {

    private static final Duration GRACE = Duration.ofMinutes(30);

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private BroadcastFixtures fx;
    private BroadcastStore store;

    @BeforeEach
    void empty() {
        fx = new BroadcastFixtures(db.dataSource());
        fx.emptyTables();
        store = new BroadcastStore(db.dataSource());
    }

    private static String number(int i) {
        return "+628120000" + String.format("%04d", i);
    }

    @Test
    void progressCountsEveryState() {
        long id = fx.broadcast("SENDING");
        String[][] rows = {{"PENDING", null}, {"PENDING", null}, {"SENDING", null}, {"SENT", null},
                {"SENT", "delivered"}, {"SENT", "delivered"}, {"SENT", "failed"}, {"SENT", "pending"},
                {"FAILED", null}, {"CANCELLED", null}};
        for (int i = 0; i < rows.length; i++) {
            fx.row(id, number(i), rows[i][0], rows[i][1], 5);
        }
        fx.sql("UPDATE outbound_sms SET possible_duplicate = true WHERE id IN (4, 5)");
        long other = fx.broadcast("AWAITING_CONFIRMATION");
        fx.row(other, number(1), "HELD", null, null);

        Progress p = store.progress(id);
        assertEquals(new Progress(0, 2, 1, 5, 2, 1, 1, 2), p);
        assertEquals(10, p.total());
        assertFalse(p.finished());
        assertEquals(new Progress(1, 0, 0, 0, 0, 0, 0, 0), store.progress(other));
        assertEquals(new Progress(0, 0, 0, 0, 0, 0, 0, 0), store.progress(999));
    }

    @Test
    void aReportClaimedByOneNodeIsNotWrittenByAnotherUnlessReleasedOrItsLeaseRanOut() {
        long first = fx.broadcast("SENDING");
        fx.row(first, number(1), "SENT", "delivered", 5);
        long second = fx.broadcast("SENDING");
        fx.row(second, number(1), "FAILED", null, 5);

        assertEquals(List.of(first, second), store.claimForReport(GRACE, "node-a", Duration.ofMinutes(2)));
        assertTrue(store.claimForReport(GRACE, "node-b", Duration.ofMinutes(2)).isEmpty(),
                "a node taking the lead does not mail a report node-a is mailing");
        assertTrue(store.markReported(first, "<broadcast-1-report@sms.example>"));
        store.releaseReport(first);
        store.releaseReport(second); // its mail failed
        assertEquals(List.of(second), store.claimForReport(GRACE, "node-b", Duration.ofMinutes(2)),
                "reported once; the failed one is due again at once");
        fx.sql("UPDATE broadcast SET report_lease_until = now() - interval '1 second' WHERE id = " + second);
        assertEquals(List.of(second), store.claimForReport(GRACE, "node-a", Duration.ofMinutes(2)),
                "node-b died mailing it");
    }

    @Test
    void dueForReportOnceEverySmsIsFinalAndReportedOrTheGraceHasPassed() {
        long allReported = fx.broadcast("SENDING");
        fx.row(allReported, number(1), "SENT", "delivered", 5);
        fx.row(allReported, number(2), "SENT", "failed", 5);
        fx.row(allReported, number(3), "FAILED", null, 5);
        fx.row(allReported, number(4), "CANCELLED", null, null);

        long stillQueued = fx.broadcast("SENDING");
        fx.row(stillQueued, number(1), "SENT", "delivered", 5);
        fx.row(stillQueued, number(2), "PENDING", null, null);

        long withAModem = fx.broadcast("SENDING");
        fx.row(withAModem, number(1), "SENDING", null, 1);

        long awaitingReportRecently = fx.broadcast("SENDING");
        fx.row(awaitingReportRecently, number(1), "SENT", "delivered", 40);
        fx.row(awaitingReportRecently, number(2), "SENT", null, 5);

        long stillTryingRecently = fx.broadcast("SENDING");
        fx.row(stillTryingRecently, number(1), "SENT", "pending", 5);

        long reportsNeverCame = fx.broadcast("SENDING");
        fx.row(reportsNeverCame, number(1), "SENT", null, 45);
        fx.row(reportsNeverCame, number(2), "SENT", "pending", 31);

        long allFailed = fx.broadcast("SENDING");
        fx.row(allFailed, number(1), "FAILED", null, 1);

        long held = fx.broadcast("AWAITING_CONFIRMATION");
        fx.row(held, number(1), "HELD", null, null);

        long cancelled = fx.broadcast("CANCELLED");
        fx.sql("UPDATE broadcast SET confirmed_at = NULL WHERE id = " + cancelled); // never confirmed: no report
        fx.row(cancelled, number(1), "CANCELLED", null, null);

        long cancelledWhileSending = fx.broadcast("CANCELLED");
        fx.row(cancelledWhileSending, number(1), "SENT", "delivered", 50);
        fx.row(cancelledWhileSending, number(2), "CANCELLED", null, null);

        long done = fx.broadcast("DONE");
        fx.row(done, number(1), "SENT", "delivered", 60);

        assertEquals(List.of(allReported, reportsNeverCame, allFailed, cancelledWhileSending),
                store.dueForReport(GRACE));
        assertEquals(List.of(allReported, awaitingReportRecently, stillTryingRecently, reportsNeverCame, allFailed,
                cancelledWhileSending), store.dueForReport(Duration.ofMinutes(1)));
        assertTrue(store.markReported(cancelledWhileSending, "<broadcast-c-report@sms.example>"));
        assertEquals(BroadcastStatus.CANCELLED, store.find(cancelledWhileSending).orElseThrow().status());

        assertTrue(store.markReported(allReported, "<broadcast-1-report@sms.example>"));
        assertFalse(store.markReported(allReported, "<again@sms.example>"), "reported once");
        Broadcast b = store.find(allReported).orElseThrow();
        assertEquals(BroadcastStatus.DONE, b.status());
        assertEquals("<broadcast-1-report@sms.example>", b.reportMessageId());
        assertNotNull(b.reportedAt());
        assertNotNull(b.finishedAt());
        assertEquals(List.of(reportsNeverCame, allFailed), store.dueForReport(GRACE));
        assertFalse(store.markReported(held, "<x@y>"), "only a sending or cancelled broadcast is reported");
    }

    @Test
    void findsABroadcastByItsPreviewWithOrWithoutAngleBrackets() {
        long id = fx.broadcast("AWAITING_CONFIRMATION");
        fx.broadcast("AWAITING_CONFIRMATION");
        assertTrue(store.setPreviewMessageId(id, "<broadcast-1-preview@sms.example>"));
        assertFalse(store.setPreviewMessageId(999, "<nope@sms.example>"));

        assertEquals(Optional.of(id), store.findByPreviewMessageId("<broadcast-1-preview@sms.example>").map(Broadcast::id));
        assertEquals(Optional.of(id), store.findByPreviewMessageId(" broadcast-1-preview@sms.example ").map(Broadcast::id));
        assertEquals(Optional.empty(), store.findByPreviewMessageId("<broadcast-2-preview@sms.example>"));
        assertEquals(Optional.empty(), store.findByPreviewMessageId(null));
        assertEquals(Optional.empty(), store.find(999));
        assertEquals("<broadcast-1-preview@sms.example>", store.find(id).orElseThrow().previewMessageId());
    }
}
