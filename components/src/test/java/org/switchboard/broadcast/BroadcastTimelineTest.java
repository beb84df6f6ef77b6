package org.switchboard.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.TestDatabaseExtension;

/** A broadcast's chart and its recipients page by page, from SQL on a real PostgreSQL. */
class BroadcastTimelineTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-20T08:00:00Z");
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private BroadcastFixtures fx;
    private long id;

    /** Confirmed at T0: sent at +10 s (delivered +20 s), failed at +30 s, sent at +70 s, sent at +119 s (delivered +125 s). */
    @BeforeEach
    void broadcast() {
        fx = new BroadcastFixtures(db.dataSource());
        fx.emptyTables();
        fx.contact("+6281200000001", "Budi Santoso", Map.of());
        id = fx.broadcast("SENDING");
        fx.sql("UPDATE broadcast SET confirmed_at = ? WHERE id = ?", T0, id);
        sent(fx.row(id, "+6281200000001", "SENT", "delivered", null), 10, 20);
        long failed = fx.row(id, "+6281200000002", "FAILED", null, null);
        fx.sql("UPDATE outbound_sms SET claimed_at = ?, error = 'CMS 21', error_code = 21 WHERE id = ?", T0.plusSeconds(30),
                failed);
        sent(fx.row(id, "+6281200000003", "SENT", null, null), 70, null);
        sent(fx.row(id, "+6281200000004", "SENT", "delivered", null), 119, 125);
        fx.row(id, "+6281200000005", "SENT", "failed", null);
        fx.sql("UPDATE outbound_sms SET sent_at = ? WHERE recipient = '+6281200000005'", T0.plusSeconds(60));
        fx.row(id, "+6281200000006", "PENDING", null, null);
    }

    private void sent(long row, int at, Integer reported) {
        fx.sql("UPDATE outbound_sms SET sent_at = ?, delivery_reported_at = ? WHERE id = ?", T0.plusSeconds(at),
                reported == null ? null : T0.plusSeconds(reported), row);
    }

    @Test
    void cumulativeCountsInEqualIntervalsEndingOnTheTotals() {
        List<BroadcastTimeline.Bucket> buckets = new BroadcastTimeline(db.dataSource()).buckets(id, 5);
        // the start, then 125 s in at most 5 intervals of whole seconds: 26 s each
        assertEquals(List.of(T0, T0.plusSeconds(26), T0.plusSeconds(52), T0.plusSeconds(78), T0.plusSeconds(104),
                T0.plusSeconds(130)), buckets.stream().map(b -> b.at().toInstant().atOffset(T0.getOffset())).toList());
        assertEquals(List.of(0L, 1L, 1L, 3L, 3L, 4L), buckets.stream().map(BroadcastTimeline.Bucket::sent).toList());
        assertEquals(List.of(0L, 1L, 1L, 1L, 1L, 2L), buckets.stream().map(BroadcastTimeline.Bucket::delivered).toList());
        assertEquals(List.of(0L, 0L, 1L, 1L, 1L, 1L), buckets.stream().map(BroadcastTimeline.Bucket::failed).toList());
        Progress p = new BroadcastStore(db.dataSource()).progress(id);
        BroadcastTimeline.Bucket last = buckets.get(buckets.size() - 1);
        assertEquals(List.of(p.sent(), p.delivered(), p.failed()), List.of(last.sent(), last.delivered(), last.failed()));
        assertEquals(1 + 42, new BroadcastTimeline(db.dataSource()).buckets(id, 60).size()); // 3 s each
    }

    @Test
    void nothingToChartBeforeTheFirstSms() {
        long other = fx.broadcast("AWAITING_CONFIRMATION");
        fx.row(other, "+6281200000001", "HELD", null, null);
        assertEquals(List.of(), new BroadcastTimeline(db.dataSource()).buckets(other, 60));
        assertThrows(IllegalArgumentException.class, () -> new BroadcastTimeline(db.dataSource()).buckets(other, 0));
    }

    @Test
    void recipientsPageByPageAndByStatusAsTheStaffSeeIt() {
        BroadcastRecipients recipients = new BroadcastRecipients(db.dataSource());
        BroadcastRecipients.Page all = recipients.page(id, null, 0, 4);
        assertEquals(6, all.total());
        assertEquals(List.of("+6281200000001", "+6281200000002", "+6281200000003", "+6281200000004"),
                all.recipients().stream().map(BroadcastRecipients.Recipient::number).toList());
        assertEquals("Budi Santoso", all.recipients().get(0).name());
        assertEquals(List.of("delivered", "failed", "sent", "delivered"),
                all.recipients().stream().map(BroadcastRecipients.Recipient::status).toList());
        assertEquals(21, all.recipients().get(1).errorCode());
        assertEquals(List.of("+6281200000005", "+6281200000006"), recipients.page(id, null, 4, 4).recipients().stream()
                .map(BroadcastRecipients.Recipient::number).toList());
        BroadcastRecipients.Page failed = recipients.page(id, "failed", 0, 10);
        assertEquals(List.of("+6281200000002", "+6281200000005"),
                failed.recipients().stream().map(BroadcastRecipients.Recipient::number).toList());
        assertEquals(1, recipients.page(id, "queued", 0, 10).total());
        assertEquals(2, recipients.page(id, "delivered", 0, 1).total());
        assertThrows(IllegalArgumentException.class, () -> recipients.page(id, "lost", 0, 10));
    }
}
