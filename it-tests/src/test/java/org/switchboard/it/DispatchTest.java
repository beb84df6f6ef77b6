package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.hub.Hub;
import org.switchboard.hub.config.Settings;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * Outbound dispatch through four simulated modems over TCP on PostgreSQL: a broadcast survives a modem going down, single
 * SMS overtake a broadcast, +CMS failures are retried or fail as their code says, and SMS a crash left in a modem's
 * hand go out again marked.
 */
class DispatchTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private InProcessHub hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private InProcessHub start(Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "switchboard.simulator.modems", "4",
                "switchboard.dispatch.max-attempts", "3",
                "switchboard.dispatch.first-retry-millis", "50",
                "switchboard.outbox.max-backoff-millis", "200",
                "switchboard.dispatch.modem-pause-millis", "200",
                "switchboard.dispatch.modem-pause-max-millis", "1000"));
        settings.putAll(overrides);
        hub = InProcessHub.start(dir, settings);
        awaitModemsUp(hub.hub());
        return hub;
    }

    static void awaitModemsUp(Hub hub) {
        var camel = hub.camelContext();
        await().atMost(WAIT).until(() -> HealthCheckHelper.invoke(camel).stream()
                .noneMatch(r -> r.getCheck().getId().startsWith("modem-") && r.getState() != HealthCheck.State.UP));
    }

    /** A confirmed broadcast with {@code count} lane-1 rows, as the broadcast planner leaves them; returns its id. */
    static long broadcast(Connection c, int count) throws Exception {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO broadcast (requested_by, source, filter, template,"
                + " status, recipients) VALUES ('staff@switchboard.local', 'email', '{\"school\": \"SMA 1\"}', 'Reuni akbar',"
                + " 'SENDING', ?) RETURNING id")) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_sms (recipient, text, source, broadcast_id, lane)"
                + " SELECT '+62813' || lpad(g::text, 7, '0'), 'Reuni akbar SMA 1, Sabtu jam 9 (' || g || ')', 'broadcast', ?, 1"
                + " FROM generate_series(1, ?) g ORDER BY g")) {
            ps.setLong(1, id);
            ps.setInt(2, count);
            ps.executeUpdate();
        }
        return id;
    }

    private long count(String sql, Object... args) throws Exception {
        return ((Number) hub.query(sql, args).get(0).values().iterator().next()).longValue();
    }

    private Map<String, Object> row(long id) throws Exception {
        return hub.query("SELECT status, attempts, error, error_code, possible_duplicate, modem FROM outbound_sms WHERE id = ?",
                id).get(0);
    }

    @Test
    void aBroadcastGoesOutOnceThroughTheOtherModemsWhenOneGoesDown() throws Exception {
        start(Map.of());
        List<SimModem> modems = hub.hub().simulator().modems();
        modems.forEach(m -> m.latency(10));
        long broadcast;
        try (Connection c = hub.db().dataSource().getConnection()) {
            broadcast = broadcast(c, 400);
        }
        String sent = "SELECT count(*) FROM outbound_sms WHERE broadcast_id = ? AND status = 'SENT'";
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> count(sent, broadcast) >= 100);
        // Mid-way: modem 2 takes the next PDU and drops the link without answering, so that SMS may or may not have
        // gone out; once that SMS went out again, modem 1 falls off the network and loses its link, and stays off.
        // One after the other: an SMS possibly sent twice already is not sent a third time, so two faults on the same
        // SMS would fail it, which is another test.
        hub.hub().simulator().modem(2).dropMidSend();
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbound_sms WHERE broadcast_id = ?"
                + " AND possible_duplicate AND status = 'SENT'", broadcast) == 1);
        SimModem down = hub.hub().simulator().modem(1);
        down.registered(false);
        down.dropNow();
        int deliveredByDownAtDrop = down.delivered().size();

        await().atMost(WAIT).until(() -> count(sent, broadcast) == 400);

        assertEquals(400, count("SELECT count(*) FROM outbound_sms WHERE broadcast_id = ?", broadcast));
        Set<String> possibleDuplicates = hub.query("SELECT recipient FROM outbound_sms WHERE broadcast_id = ?"
                + " AND possible_duplicate", broadcast).stream().map(r -> (String) r.get("recipient")).collect(Collectors.toSet());
        Map<String, Long> deliveries = hub.delivered().stream().filter(d -> d.to().startsWith("+62813"))
                .collect(Collectors.groupingBy(DeliveredSms::to, Collectors.counting()));
        assertEquals(400, deliveries.size(), "every recipient got the SMS");
        deliveries.forEach((to, times) -> assertTrue(times == 1 || times == 2 && possibleDuplicates.contains(to),
                to + " got it " + times + " times, possible duplicate: " + possibleDuplicates.contains(to)));
        assertTrue(possibleDuplicates.size() >= 1, "the SMS modem 2 dropped is marked possible duplicate");

        // The modem that went down sent nothing after its in-flight SMS; the other three took its share.
        assertTrue(down.delivered().size() <= deliveredByDownAtDrop + 1,
                "modem 1 delivered " + down.delivered().size() + ", " + deliveredByDownAtDrop + " when it went down");
        Map<String, Long> byModem = hub.query("SELECT modem, count(*) AS n FROM outbound_sms WHERE broadcast_id = ?"
                + " GROUP BY modem", broadcast).stream()
                .collect(Collectors.toMap(r -> (String) r.get("modem"), r -> ((Number) r.get("n")).longValue()));
        for (String other : List.of("gsm2", "gsm3", "gsm4")) {
            assertTrue(byModem.getOrDefault(other, 0L) > byModem.getOrDefault("gsm1", 0L), "shares: " + byModem);
        }
        List<Map<String, Object>> journal = hub.journal("outbound_sms");
        // Modem 1 may have had nothing in hand when it went (its dispatcher checks its health before each claim), but
        // modem 2 surely had: the PDU it took before dropping the link went back to the queue.
        assertTrue(journal.stream().anyMatch(h -> "requeued".equals(h.get("hop"))
                && String.valueOf(h.get("detail")).startsWith("line gsm2 of channel modems failed")), "gsm2's SMS went back to the queue");
        assertEquals(400, journal.stream().filter(h -> "sent".equals(h.get("hop")) && h.get("error") == null).count());
    }

    @Test
    void aSingleSmsOvertakesABroadcast() throws Exception {
        start(Map.of());
        hub.hub().simulator().modems().forEach(m -> m.latency(300));
        long broadcast;
        try (Connection c = hub.db().dataSource().getConnection()) {
            broadcast = broadcast(c, 200);
        }
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbound_sms WHERE broadcast_id = ? AND status = 'SENT'",
                broadcast) >= 8);

        long reply = new MessageStore(hub.db().dataSource()).storeOutbound(
                new NewOutbound("+6289999999999", "Printer sudah diperbaiki", NewOutbound.SOURCE_API, null, "admin")).id();
        // Sent while most of the broadcast still waits: it waited only for the SMS the modems had in hand.
        Map<String, Object> seen = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(
                () -> hub.query("SELECT (SELECT status FROM outbound_sms WHERE id = ?) AS reply,"
                        + " (SELECT count(*) FROM outbound_sms WHERE broadcast_id = ? AND status = 'PENDING') AS waiting",
                        reply, broadcast).get(0),
                r -> "SENT".equals(r.get("reply")));
        assertTrue(((Number) seen.get("waiting")).longValue() > 0, "broadcast rows still waiting: " + seen);
        assertTrue(hub.delivered().stream().anyMatch(d -> d.to().equals("+6289999999999")));
        // Done: the rest of the broadcast need not go out.
        try (Connection c = hub.db().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE outbound_sms SET status = 'CANCELLED'"
                        + " WHERE broadcast_id = ? AND status = 'PENDING'")) {
            ps.setLong(1, broadcast);
            ps.executeUpdate();
        }
    }

    @Test
    void cmsFailuresFailAtOnceOrAfterTheRetriesAsTheirCodeSays() throws Exception {
        start(Map.of());
        String unassigned = "+6281000000001";
        String congested = "+6281000000002";
        String fine = "+6281000000003";
        for (SimModem m : hub.hub().simulator().modems()) {
            m.failNumber(unassigned, 1);
            m.failNumber(congested, 42);
        }
        MessageStore store = new MessageStore(hub.db().dataSource());
        Function<String, Long> send = to -> store.storeOutbound(new NewOutbound(to, "Jadwal ujian", NewOutbound.SOURCE_API,
                null, "admin")).id();
        long permanent = send.apply(unassigned);
        long retryable = send.apply(congested);
        long ok = send.apply(fine);

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbound_sms WHERE status IN ('SENT', 'FAILED')") == 3);

        Map<String, Object> p = row(permanent);
        assertEquals("FAILED", p.get("status"));
        assertEquals(1, p.get("attempts"), "a permanent code fails at the first attempt");
        assertEquals(1, p.get("error_code"));
        assertTrue(String.valueOf(p.get("error")).contains("Unassigned"), String.valueOf(p.get("error")));
        Map<String, Object> r = row(retryable);
        assertEquals("FAILED", r.get("status"));
        assertEquals(3, r.get("attempts"), "a retryable code is tried max-attempts times");
        assertEquals(42, r.get("error_code"));
        assertTrue(String.valueOf(r.get("error")).contains("Congestion"), String.valueOf(r.get("error")));
        assertEquals("SENT", row(ok).get("status"));

        List<Map<String, Object>> journal = hub.journal("outbound_sms");
        Function<Long, List<String>> hops = id -> journal.stream().filter(h -> ((Number) h.get("message_id")).longValue() == id)
                .map(h -> (String) h.get("hop")).toList();
        assertEquals(List.of("sent", "failed"), hops.apply(permanent));
        assertEquals(List.of("sent", "retry-scheduled", "sent", "retry-scheduled", "sent", "failed"), hops.apply(retryable));
        assertEquals(List.of("sent"), hops.apply(ok).stream().filter(h -> !h.equals("status-report")).toList());
        assertTrue(journal.stream().anyMatch(h -> "failed".equals(h.get("hop"))
                && String.valueOf(h.get("detail")).contains("(code 42) after 3 attempt(s)")), journal.toString());
    }

    @Test
    void eachModemKeepsToItsRateLimit() throws Exception {
        start(Map.of("switchboard.dispatch.max-per-minute", "600"));
        long broadcast;
        try (Connection c = hub.db().dataSource().getConnection()) {
            broadcast = broadcast(c, 40);
        }
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbound_sms WHERE broadcast_id = ? AND status = 'SENT'",
                broadcast) == 40);
        // 600 a minute: one claim per 100 ms at most on each modem (a millisecond for the clocks' rounding).
        List<Map<String, Object>> gaps = hub.query("SELECT modem, extract(epoch FROM claimed_at - lag(claimed_at)"
                + " OVER (PARTITION BY modem ORDER BY claimed_at)) * 1000 AS gap FROM outbound_sms WHERE broadcast_id = ?",
                broadcast);
        assertEquals(4, gaps.stream().map(g -> g.get("modem")).distinct().count(), "all four modems sent: " + gaps);
        assertTrue(gaps.stream().filter(g -> g.get("gap") != null)
                .allMatch(g -> ((Number) g.get("gap")).doubleValue() >= 99), "claims too close: " + gaps);
    }

    private void sql(String sql) throws Exception {
        try (Connection c = hub.db().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }

    @Test
    void anSmsSentWhileTheDatabaseRefusesToRecordItIsRecordedBeforeTheModemTakesAnother() throws Exception {
        start(Map.of("switchboard.simulator.modems", "2"));
        // A database blip, for real: PostgreSQL refuses to mark any row SENT until the constraint goes.
        sql("ALTER TABLE outbound_sms ADD CONSTRAINT database_blip CHECK (status <> 'SENT') NOT VALID");
        long broadcast;
        try (Connection c = hub.db().dataSource().getConnection()) {
            broadcast = broadcast(c, 6);
        }
        String sending = "SELECT count(*) FROM outbound_sms WHERE broadcast_id = ? AND status = 'SENDING'";
        await().atMost(WAIT).until(() -> hub.delivered().size() == 2);
        // Each modem sent one and holds on to it: nothing more goes out while its outcome is unrecorded.
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(
                () -> hub.delivered().size() == 2 && count(sending, broadcast) == 2);

        sql("ALTER TABLE outbound_sms DROP CONSTRAINT database_blip");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbound_sms WHERE broadcast_id = ?"
                + " AND status = 'SENT'", broadcast) == 6);
        Map<String, Long> deliveries = hub.delivered().stream()
                .collect(Collectors.groupingBy(DeliveredSms::to, Collectors.counting()));
        assertEquals(6, deliveries.size(), "every recipient got it: " + deliveries);
        assertTrue(deliveries.values().stream().allMatch(n -> n == 1), "each once: " + deliveries);
        assertEquals(0, count("SELECT count(*) FROM outbound_sms WHERE broadcast_id = ? AND possible_duplicate",
                broadcast));
    }

    @Test
    void anSmsThatFailsOnEveryModemFailsAfterItsRequeues() throws Exception {
        start(Map.of("switchboard.dispatch.max-requeues", "4"));
        String cursed = "+6281000000009";
        // A modem-side code for this one number on every modem: each modem blames itself and passes it on.
        hub.hub().simulator().modems().forEach(m -> m.failNumber(cursed, 331));
        long id = new MessageStore(hub.db().dataSource()).storeOutbound(
                new NewOutbound(cursed, "Jadwal ujian", NewOutbound.SOURCE_API, null, "admin")).id();

        await().atMost(WAIT).until(() -> "FAILED".equals(row(id).get("status")));
        assertTrue(String.valueOf(row(id).get("error")).startsWith("failed on every line it was tried on (4 requeues)"),
                String.valueOf(row(id).get("error")));
        assertEquals(4, count("SELECT requeues FROM outbound_sms WHERE id = ?", id));
    }

    @Test
    void anSmsThatMayHaveGoneOutTwiceIsNotSentAThirdTime() throws Exception {
        start(Map.of());
        // Every modem takes the next PDU and drops the link: the SMS may have gone out.
        hub.hub().simulator().modems().forEach(SimModem::dropMidSend);
        // As a crash leaves it: possibly sent once already.
        long id;
        try (Connection c = hub.db().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_sms (recipient, text, source, attempts,"
                        + " possible_duplicate) VALUES ('+6281000000008', 'Jadwal ujian', 'api', 1, true) RETURNING id");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }

        await().atMost(WAIT).until(() -> Set.of("SENT", "FAILED").contains(row(id).get("status")));
        assertEquals("FAILED", row(id).get("status"), "not sent after the second drop");
        assertTrue(String.valueOf(row(id).get("error")).contains("not sent a third time"),
                String.valueOf(row(id).get("error")));
    }

    @Test
    void smsACrashLeftSendingGoOutAgainMarkedPossibleDuplicate() throws Exception {
        try (TestDatabase db = TestDatabases.create()) {
            long interrupted;
            try (Connection c = db.dataSource().getConnection();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_sms (recipient, text, source, status,"
                            + " attempts, modem, claimed_at) VALUES ('+6285555555555', 'Halo', 'api', 'SENDING', 1, 'gsm2',"
                            + " now()) RETURNING id");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                interrupted = rs.getLong(1);
            }
            Map<String, String> settings = InProcessHub.testSettings(dir, db.url());
            try (Hub restarted = Hub.start(Settings.of(settings))) {
                await().atMost(WAIT).until(() -> restarted.simulator().modems().stream()
                        .anyMatch(m -> m.delivered().stream().anyMatch(d -> d.to().equals("+6285555555555"))));
                try (Connection c = db.dataSource().getConnection();
                        PreparedStatement ps = c.prepareStatement(
                                "SELECT status, possible_duplicate, attempts FROM outbound_sms WHERE id = ?")) {
                    ps.setLong(1, interrupted);
                    await().atMost(WAIT).until(() -> {
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return "SENT".equals(rs.getString(1));
                        }
                    });
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertTrue(rs.getBoolean(2), "marked possible duplicate");
                        assertEquals(2, rs.getInt(3));
                    }
                }
            }
        }
    }
}
