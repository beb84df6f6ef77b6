package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.ClaimFilter;

/** The outbound dispatch queue on a real PostgreSQL: lanes, concurrent claims, back-off, modem faults, crash recovery. */
class OutboundQueueTest {

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private MessageStore store;
    private OutboundQueue queue;

    @BeforeEach
    void emptyTables() {
        TestDatabases.truncateAll(db.dataSource());
        store = new MessageStore(db.dataSource());
        queue = new OutboundQueue(db.dataSource());
    }

    private long single(String to) {
        return store.storeOutbound(new NewOutbound(to, "reply to " + to, NewOutbound.SOURCE_API, null, "admin")).id();
    }

    /** A broadcast in SENDING with {@code count} lane-1 rows, as the broadcast planner leaves them; returns their ids. */
    private List<Long> broadcast(int count, String status) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            long broadcast;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO broadcast (requested_by, source, filter, template,"
                    + " status) VALUES ('staff@switchboard.local', 'email', '{}', 'Reuni akbar', 'SENDING') RETURNING id");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                broadcast = rs.getLong(1);
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_sms (recipient, text, source, broadcast_id,"
                    + " lane, status) SELECT '+62813' || lpad(g::text, 7, '0'), 'Reuni akbar', 'broadcast', ?, 1, ?"
                    + " FROM generate_series(1, ?) g ORDER BY g RETURNING id")) {
                ps.setLong(1, broadcast);
                ps.setString(2, status);
                ps.setInt(3, count);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            ids.sort(null);
            return ids;
        }
    }

    private OutboundSms row(long id) {
        return store.outbound(id).orElseThrow();
    }

    @Test
    void singleSmsGoBeforeBroadcastsEvenWhenQueuedLater() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now();
        List<Long> broadcast = broadcast(3, "PENDING");
        long reply = single("+6281111111111");

        OutboundSms first = queue.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow();
        assertEquals(reply, first.id());
        assertEquals(OutboundStatus.SENDING, first.status());
        assertEquals("gsm1", first.modem());
        assertEquals(1, first.attempts());
        assertEquals(0, first.lane());
        OutboundSms second = queue.claim("modems", "gsm2", now, ClaimFilter.ANY).orElseThrow();
        assertEquals(broadcast.get(0), second.id());
        assertEquals(1, second.lane());
        assertTrue(second.broadcastId() != null);
        assertEquals(broadcast.get(1), queue.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow().id());
        assertEquals(broadcast.get(2), queue.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow().id());
        assertTrue(queue.claim("modems", "gsm1", now, ClaimFilter.ANY).isEmpty());
    }

    @Test
    void heldBroadcastRowsAreNotClaimed() throws SQLException {
        broadcast(2, "HELD");
        assertTrue(queue.claim("modems", "gsm1", OffsetDateTime.now(), ClaimFilter.ANY).isEmpty());
    }

    @Test
    void concurrentClaimersNeverGetTheSameSms() throws Exception {
        int total = 400;
        broadcast(total, "PENDING");
        int claimers = 4;
        CyclicBarrier start = new CyclicBarrier(claimers);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < claimers; t++) {
                String modem = "gsm" + t;
                Callable<List<Long>> claimer = () -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    Optional<OutboundSms> next;
                    while ((next = queue.claim("modems", modem, OffsetDateTime.now(), ClaimFilter.ANY)).isPresent()) {
                        assertEquals(modem, next.get().modem());
                        mine.add(next.get().id());
                    }
                    return mine;
                };
                results.add(pool.submit(claimer));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            Set<Long> distinct = new HashSet<>(all);
            assertEquals(all.size(), distinct.size(), "an SMS was claimed twice");
            assertEquals(total, distinct.size(), "an SMS was never claimed");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetryWaitsForItsTimeAndCountsTheAttempt() {
        OffsetDateTime now = OffsetDateTime.now();
        long id = single("+6281111111111");
        queue.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow();

        assertTrue(queue.retryLater(id, "+CMS ERROR: 42 (Congestion)", 42, now.plusSeconds(30), false));
        OutboundSms waiting = row(id);
        assertEquals(OutboundStatus.PENDING, waiting.status());
        assertEquals(42, waiting.errorCode());
        assertFalse(waiting.possibleDuplicate());
        assertTrue(queue.claim("modems", "gsm1", now.plusSeconds(29), ClaimFilter.ANY).isEmpty());
        OutboundSms again = queue.claim("modems", "gsm2", now.plusSeconds(30), ClaimFilter.ANY).orElseThrow();
        assertEquals(id, again.id());
        assertEquals(2, again.attempts());
        assertEquals("+CMS ERROR: 42 (Congestion)", again.error());
    }

    @Test
    void aModemFaultRequeuesAtOnceWithoutCountingTheAttempt() {
        OffsetDateTime now = OffsetDateTime.now();
        long id = single("+6281111111111");
        long later = single("+6282222222222");
        queue.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow();

        assertTrue(queue.requeue(id, "+CMS ERROR: 331 (No network service)", 331, false, null, null));
        OutboundSms requeued = row(id);
        assertEquals(OutboundStatus.PENDING, requeued.status());
        assertEquals(0, requeued.attempts());
        assertNull(requeued.nextAttemptAt());
        assertFalse(requeued.possibleDuplicate());
        // Due now and still first in line: the next free modem takes it before the SMS queued after it.
        OutboundSms taken = queue.claim("modems", "gsm2", now, ClaimFilter.ANY).orElseThrow();
        assertEquals(id, taken.id());
        assertEquals(1, taken.attempts());
        assertEquals(later, queue.claim("modems", "gsm3", now, ClaimFilter.ANY).orElseThrow().id());
        assertFalse(queue.requeue(later + 1000, "no such row", null, false, null, null));
    }

    @Test
    void aSendThatMayHaveGoneOutIsMarkedPossibleDuplicate() {
        OffsetDateTime now = OffsetDateTime.now();
        long dropped = single("+6281111111111");
        long noAnswer = single("+6282222222222");
        queue.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow();
        queue.claim("modems", "gsm2", now, ClaimFilter.ANY).orElseThrow();

        assertTrue(queue.requeue(dropped, "link to modem gsm1 lost while sending", null, true, null, null));
        assertTrue(queue.retryLater(noAnswer, "no +CMGS in answer", null, now, true));
        assertTrue(row(dropped).possibleDuplicate());
        assertTrue(row(noAnswer).possibleDuplicate());
        // The flag stays through later attempts and the final outcome.
        queue.claim("modems", "gsm3", now, ClaimFilter.ANY).orElseThrow();
        assertTrue(queue.markSent(dropped, "modems", "gsm3", List.of("gsm3:9")));
        assertTrue(row(dropped).possibleDuplicate());
    }

    @Test
    void aFailedSmsKeepsItsReasonAndCode() {
        OffsetDateTime now = OffsetDateTime.now();
        long id = single("+6281111111111");
        queue.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow();

        assertTrue(queue.fail(id, "sending SMS on gsm1: +CMS ERROR: 21 (Short message transfer rejected)", 21));
        OutboundSms failed = row(id);
        assertEquals(OutboundStatus.FAILED, failed.status());
        assertEquals(21, failed.errorCode());
        assertEquals("sending SMS on gsm1: +CMS ERROR: 21 (Short message transfer rejected)", failed.error());
        // A finished SMS never returns to the queue.
        assertFalse(queue.retryLater(id, "late", null, now, false));
        assertFalse(queue.requeue(id, "late", null, false, null, null));
        assertFalse(queue.fail(id, "late", 1));
        assertEquals(21, row(id).errorCode());
        assertTrue(queue.claim("modems", "gsm1", now, ClaimFilter.ANY).isEmpty());
    }

    @Test
    void aSentSmsKeepsModemPartsAndReferences() {
        long id = single("+6281111111111");
        OffsetDateTime now = OffsetDateTime.now();
        queue.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow();
        queue.retryLater(id, "+CMS ERROR: 42", 42, now, false);
        queue.claim("modems", "gsm2", now, ClaimFilter.ANY).orElseThrow();

        assertTrue(queue.markSent(id, "modems", "gsm2", List.of("gsm2:17", "gsm2:18")));
        OutboundSms sent = row(id);
        assertEquals(OutboundStatus.SENT, sent.status());
        assertEquals("gsm2", sent.modem());
        assertEquals(2, sent.parts());
        assertEquals(List.of("gsm2:17", "gsm2:18"), sent.partRefs());
        assertTrue(sent.sentAt() != null);
        assertNull(sent.error());
        assertNull(sent.errorCode());
        assertFalse(queue.retryLater(id, "late", null, now, false));
    }

    @Test
    void smsLeftSendingByACrashGoBackMarkedPossibleDuplicate() {
        OffsetDateTime now = OffsetDateTime.now();
        long a = single("+6281111111111");
        long b = single("+6282222222222");
        long c = single("+6283333333333");
        queue.claim("modems", "gsm1", now, ClaimFilter.ANY);
        queue.claim("modems", "gsm2", now, ClaimFilter.ANY);
        queue.markSent(a, "modems", "gsm1", List.of("gsm1:5"));

        assertEquals(1, queue.requeueInterrupted().size());
        assertEquals(OutboundStatus.SENT, row(a).status());
        assertFalse(row(a).possibleDuplicate());
        OutboundSms back = row(b);
        assertEquals(OutboundStatus.PENDING, back.status());
        assertTrue(back.possibleDuplicate());
        assertFalse(row(c).possibleDuplicate(), "a row never claimed cannot have gone out");
        OutboundSms reclaimed = queue.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow();
        assertEquals(b, reclaimed.id());
        assertEquals(2, reclaimed.attempts(), "the interrupted attempt counts, so a row that crashes the hub cannot loop");

    }

    @Test
    void severalLinesClaimInOneStatementEachItsOwnSmsInQueueOrder() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now();
        List<Long> broadcast = broadcast(2, "PENDING");
        long reply = single("+6281111111111");

        List<Optional<OutboundSms>> claimed = queue.claim("operator", List.of("op-1", "op-2", "op-3", "op-4"), now,
                ClaimFilter.ANY);
        assertEquals(4, claimed.size());
        assertEquals(reply, claimed.get(0).orElseThrow().id(), "lane 0 first, to the first line waiting");
        assertEquals(broadcast.get(0), claimed.get(1).orElseThrow().id());
        assertEquals(broadcast.get(1), claimed.get(2).orElseThrow().id());
        assertTrue(claimed.get(3).isEmpty(), "no SMS left for the fourth line");
        for (int l = 0; l < 3; l++) {
            OutboundSms sms = row(claimed.get(l).orElseThrow().id());
            assertEquals(OutboundStatus.SENDING, sms.status());
            assertEquals("operator", sms.channel());
            assertEquals("op-" + (l + 1), sms.modem(), "each SMS on the line it was claimed for");
            assertEquals(1, sms.attempts());
        }
    }

    @Test
    void aGroupedClaimSkipsCancelledRowsAndStillServesEveryLine() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now();
        List<Long> cancelled = broadcast(3, "PENDING");
        cancelBroadcastOf(cancelled.get(0));
        List<Long> open = broadcast(2, "PENDING");

        List<Optional<OutboundSms>> claimed = queue.claim("operator", List.of("op-1", "op-2"), now, ClaimFilter.ANY);
        // the cancelled broadcast's rows came first in the queue: cancelled, and the lines served from what follows
        assertEquals(open, claimed.stream().map(o -> o.orElseThrow().id()).toList());
        assertEquals(List.of("op-1", "op-2"), open.stream().map(id -> row(id).modem()).toList());
        for (long id : cancelled) {
            assertEquals(OutboundStatus.CANCELLED, row(id).status());
        }
    }

    @Test
    void severalSmsAreMarkedSentInOneStatementEachWithItsLineAndReferences() {
        OffsetDateTime now = OffsetDateTime.now();
        long a = single("+6281111111111");
        long b = single("+6282222222222");
        queue.claim("operator", List.of("op-1", "op-2"), now, ClaimFilter.ANY);

        List<Boolean> marked = queue.markSent(List.of(
                new OutboundQueue.Sent(b, "operator", "op-2", List.of("5f2a", "5f2b")),
                new OutboundQueue.Sent(a, "operator", "op-1", List.of("5f29")),
                new OutboundQueue.Sent(b + 1000, "operator", "op-1", List.of("no such SMS"))));
        assertEquals(List.of(true, true, false), marked, "in the order asked, whatever order the rows were updated in");
        assertEquals(List.of("5f29"), row(a).partRefs());
        assertEquals("op-1", row(a).modem());
        assertEquals(1, row(a).parts());
        assertEquals(List.of("5f2a", "5f2b"), row(b).partRefs());
        assertEquals("op-2", row(b).modem());
        assertEquals(2, row(b).parts());
        assertEquals(OutboundStatus.SENT, row(b).status());
        assertTrue(row(b).sentAt() != null);
    }

    @Test
    void aNodePutsBackAtStartOnlyWhatItHeldItself() throws SQLException {
        OutboundQueue a = new OutboundQueue(db.dataSource(), "node-a", java.time.Duration.ofSeconds(30));
        OutboundQueue b = new OutboundQueue(db.dataSource(), "node-b", java.time.Duration.ofSeconds(30));
        long first = single("+6281111111111");
        long second = single("+6282222222222");
        OffsetDateTime now = OffsetDateTime.now();
        assertEquals(first, a.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow().id());
        assertEquals(second, b.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow().id());

        List<OutboundQueue.Interrupted> back = a.requeueInterrupted();
        assertEquals(List.of(first), back.stream().map(OutboundQueue.Interrupted::id).toList());
        assertEquals("node-a", back.get(0).node());
        assertEquals(OutboundStatus.PENDING, row(first).status());
        assertEquals(OutboundStatus.SENDING, row(second).status(), "node-b's SMS stays in node-b's hands");
        assertFalse(row(second).possibleDuplicate());
    }

    @Test
    void aDeadNodesSmsComeBackMarkedOnceTheirLeaseHasRunOut() throws SQLException {
        OutboundQueue alive = new OutboundQueue(db.dataSource(), "node-a", java.time.Duration.ofSeconds(30));
        OutboundQueue dead = new OutboundQueue(db.dataSource(), "node-b", java.time.Duration.ofSeconds(30));
        long held = single("+6281111111111");
        long stillLeased = single("+6282222222222");
        OffsetDateTime now = OffsetDateTime.now();
        dead.claim("modems", "gsm1", now, ClaimFilter.ANY);
        alive.claim("modems", "gsm1", now, ClaimFilter.ANY);
        assertTrue(alive.requeueExpired().isEmpty(), "both leases run for 30 s");

        // node-b's heartbeat stopped 30 s ago: its lease ran out
        sql("UPDATE outbound_sms SET lease_until = now() - interval '1 second' WHERE id = ?", held);
        List<OutboundQueue.Interrupted> back = alive.requeueExpired();
        assertEquals(List.of(held), back.stream().map(OutboundQueue.Interrupted::id).toList());
        assertEquals("node-b", back.get(0).node());
        assertEquals(OutboundStatus.PENDING, row(held).status());
        assertTrue(row(held).possibleDuplicate(), "node-b may have sent it before it died");
        assertEquals(OutboundStatus.SENDING, row(stillLeased).status());
        OutboundSms again = alive.claim("modems", "gsm2", now, ClaimFilter.ANY).orElseThrow();
        assertEquals(held, again.id());
        assertEquals(2, again.attempts());
    }

    /**
     * Two nodes' channels claiming the same queue as fast as they can, several lines at a time and one at a time, as
     * their dispatchers do: every row is claimed once, by one node.
     */
    @Test
    void twoNodesClaimingAtFullSpeedNeverGetTheSameSms() throws Exception {
        int total = 3_000;
        broadcast(total, "PENDING");
        OutboundQueue[] nodes = {new OutboundQueue(db.dataSource(), "node-a", java.time.Duration.ofSeconds(30)),
                new OutboundQueue(db.dataSource(), "node-b", java.time.Duration.ofSeconds(30))};
        int perNode = 4;
        CyclicBarrier start = new CyclicBarrier(nodes.length * perNode);
        ExecutorService pool = Executors.newFixedThreadPool(nodes.length * perNode);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (OutboundQueue node : nodes) {
                for (int t = 0; t < perNode; t++) {
                    List<String> lines = t % 2 == 0 ? List.of("gsm" + t) : List.of("w" + t + "a", "w" + t + "b",
                            "w" + t + "c");
                    results.add(pool.submit(() -> {
                        start.await();
                        List<Long> mine = new ArrayList<>();
                        while (true) {
                            List<Optional<OutboundSms>> got = node.claim("modems", lines, OffsetDateTime.now(),
                                    ClaimFilter.ANY);
                            List<Long> ids = got.stream().flatMap(Optional::stream).map(OutboundSms::id).toList();
                            if (ids.isEmpty()) {
                                return mine;
                            }
                            mine.addAll(ids);
                            node.markSent(got.stream().flatMap(Optional::stream).map(o -> new OutboundQueue.Sent(
                                    o.id(), "modems", o.modem(), List.of(o.modem() + ":" + o.id()))).toList());
                        }
                    }));
                }
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            Set<Long> distinct = new HashSet<>(all);
            assertEquals(all.size(), distinct.size(), "an SMS was claimed twice");
            assertEquals(total, distinct.size(), "an SMS was never claimed");
            try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FILTER (WHERE node_id = 'node-a'), count(*) FILTER (WHERE node_id = 'node-b'),"
                            + " count(*) FILTER (WHERE status <> 'SENT') FROM outbound_sms");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(3), "every row ended SENT");
                assertTrue(rs.getInt(1) > 0 && rs.getInt(2) > 0, "both nodes claimed: " + rs.getInt(1) + " and "
                        + rs.getInt(2));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void sql(String sql, Object... args) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private void cancelBroadcastOf(long row) throws SQLException {
        sql("UPDATE broadcast SET status = 'CANCELLED' WHERE id = (SELECT broadcast_id FROM outbound_sms WHERE id = ?)", row);
    }

    private void optOut(String number) throws SQLException {
        sql("INSERT INTO opt_out (number, keyword) VALUES (?, 'STOP')", number);
    }

    @Test
    void theClaimCancelsRowsOfACancelledBroadcastOrAnOptedOutNumberInsteadOfSendingThem() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now();
        // As the planner's race leaves them: rows still PENDING though their broadcast was cancelled, or their
        // recipient opted out, after the plan read it.
        List<Long> cancelled = broadcast(2, "PENDING");
        cancelBroadcastOf(cancelled.get(0));
        List<Long> open = broadcast(2, "PENDING");
        String stopped = row(open.get(1)).recipient();
        optOut(stopped);
        long reply = single(stopped);

        assertEquals(reply, queue.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow().id(), "a staff reply goes whatever the opt-outs say");
        OutboundSms claimed = queue.claim("modems", "gsm1", now, ClaimFilter.ANY).orElseThrow();
        assertEquals(open.get(0), claimed.id());
        for (long id : cancelled) {
            assertEquals(OutboundStatus.CANCELLED, row(id).status());
            assertEquals("broadcast cancelled", row(id).error());
            assertEquals(0, row(id).attempts());
        }
        assertTrue(queue.claim("modems", "gsm1", now, ClaimFilter.ANY).isEmpty());
        assertEquals(OutboundStatus.CANCELLED, row(open.get(1)).status());
        assertEquals("opted out (STOP) after the broadcast was planned", row(open.get(1)).error());
    }

    @Test
    void aRowInAModemsHandWhenItsBroadcastIsCancelledOrItsNumberOptsOutDoesNotComeBack() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now();
        List<Long> ids = broadcast(3, "PENDING");
        long reply = single(row(ids.get(1)).recipient());
        assertEquals(reply, queue.claim("modems", "gsm4", now, ClaimFilter.ANY).orElseThrow().id());
        queue.claim("modems", "gsm1", now, ClaimFilter.ANY);
        queue.claim("modems", "gsm2", now, ClaimFilter.ANY);
        queue.claim("modems", "gsm3", now, ClaimFilter.ANY);
        optOut(row(ids.get(1)).recipient());
        cancelBroadcastOf(ids.get(0));

        assertTrue(queue.requeue(ids.get(0), "link lost", null, true, null, null));
        assertTrue(queue.retryLater(ids.get(1), "congestion", 42, now.plusSeconds(1), false));
        assertTrue(queue.retryLater(reply, "congestion", 42, now.minusSeconds(1), false));
        assertEquals(1, queue.requeueInterrupted().size());

        for (long id : ids) {
            assertEquals(OutboundStatus.CANCELLED, row(id).status(), "row " + id);
            assertEquals("broadcast cancelled", row(id).error());
        }
        assertTrue(row(ids.get(0)).possibleDuplicate());
        assertEquals(Optional.of("broadcast cancelled"), queue.cancelledBecause(ids.get(0)));
        assertEquals(Optional.empty(), queue.cancelledBecause(reply), "queued again, not cancelled");
        assertEquals(OutboundStatus.PENDING, row(reply).status(), "a staff reply to an opted-out number still goes");
        assertEquals(reply, queue.claim("modems", "gsm4", now, ClaimFilter.ANY).orElseThrow().id());
        assertTrue(queue.claim("modems", "gsm4", now, ClaimFilter.ANY).isEmpty());
    }

    @Test
    void aRowInAModemsHandWhenItsNumberOptsOutIsCancelledWithTheKeyword() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now();
        List<Long> ids = broadcast(2, "PENDING");
        queue.claim("modems", "gsm1", now, ClaimFilter.ANY);
        queue.claim("modems", "gsm2", now, ClaimFilter.ANY);
        optOut(row(ids.get(0)).recipient());
        optOut(row(ids.get(1)).recipient());
        assertTrue(queue.retryLater(ids.get(0), "congestion", 42, now.plusSeconds(1), false));
        assertTrue(queue.requeue(ids.get(1), "link lost", null, false, null, null));
        for (long id : ids) {
            assertEquals(OutboundStatus.CANCELLED, row(id).status(), "row " + id);
            assertEquals("opted out (STOP) after the broadcast was planned", row(id).error());
        }
    }

    @Test
    void aModemFaultRequeueIsCounted() {
        OffsetDateTime now = OffsetDateTime.now();
        long id = single("+6281111111111");
        for (int i = 1; i <= 3; i++) {
            queue.claim("modems", "gsm" + i, now, ClaimFilter.ANY);
            assertTrue(queue.requeue(id, "no answer from the modem", null, false, null, null));
            assertEquals(i, row(id).requeues());
            assertEquals(0, row(id).attempts());
        }
        queue.claim("modems", "gsm4", now, ClaimFilter.ANY);
        assertTrue(queue.retryLater(id, "congestion", 42, now, false));
        assertEquals(3, row(id).requeues(), "a recipient-side failure is no requeue");
    }
}
