package org.switchboard.kannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.ClaimFilter;
import org.switchboard.store.MessageStore;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.OutboundSms;
import org.switchboard.store.OutboundStatus;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/** sendsms rows and the dlr-url outbox on a real PostgreSQL: the V8 trigger turns the SMS's changes into reports. */
class KannelStoreTest {

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private KannelStore kannel;
    private OutboundQueue queue;
    private MessageStore messages;

    @BeforeEach
    void emptyTables() {
        TestDatabases.truncateAll(db.dataSource());
        kannel = new KannelStore(db.dataSource());
        queue = new OutboundQueue(db.dataSource());
        messages = new MessageStore(db.dataSource());
    }

    private static NewSendsms sms(String to, int mask, int deferred) {
        return new NewSendsms(to, "hello " + to, "app", "SCHOOL", 0, null, new byte[] {5, 0, 3, 1, 2, 1}, mask,
                mask > 0 ? "http://app/dlr?d=%d&p=%p" : null, 60, deferred);
    }

    @Test
    void aBatchIsQueuedInLaneZeroWithItsKannelParameters() {
        List<Long> ids = kannel.store(List.of(sms("+6281234567890", 31, -1), sms("+6281298765432", 0, 5)));
        assertEquals(2, ids.size());
        OutboundSms first = messages.outbound(ids.get(0)).orElseThrow();
        assertEquals(KannelStore.SOURCE, first.source());
        assertEquals("app", first.requestedBy());
        assertEquals(0, first.lane());
        assertEquals(OutboundStatus.PENDING, first.status());
        assertNull(first.nextAttemptAt());
        OffsetDateTime deferredTo = messages.outbound(ids.get(1)).orElseThrow().nextAttemptAt();
        assertNotNull(deferredTo);
        assertTrue(deferredTo.isAfter(OffsetDateTime.now().plusMinutes(4)), "deferred 5 minutes: " + deferredTo);
        assertEquals("31|SCHOOL|050003010201|60", row("SELECT dlr_mask || '|' || sender || '|' || encode(udh, 'hex')"
                + " || '|' || validity_minutes FROM kannel_sendsms WHERE sms_id = " + ids.get(0)));
    }

    @Test
    void anSmsPastItsValidityFailsInsteadOfBeingClaimedAndReportsARefusal() {
        // validity 60 minutes (sms()): sent within it, failed after it, with a type 16 report for a mask with 2.
        long late = kannel.store(List.of(sms("+6281298765432", 3, -1))).get(0);
        assertTrue(queue.claim("modems", "m1", OffsetDateTime.now().plusMinutes(61), ClaimFilter.ANY).isEmpty());
        OutboundSms failed = messages.outbound(late).orElseThrow();
        assertEquals(OutboundStatus.FAILED, failed.status());
        assertEquals("validity expired", failed.error());
        assertEquals(0, failed.attempts());
        assertEquals("16|NACK/validity expired", row("SELECT dlr_type || '|' || reply FROM kannel_dlr WHERE sms_id = " + late));
        long onTime = kannel.store(List.of(sms("+6281234567890", 0, -1))).get(0);
        assertEquals(onTime, queue.claim("modems", "m1", OffsetDateTime.now().plusMinutes(59), ClaimFilter.ANY).orElseThrow().id());
        long none = kannel.store(List.of(new NewSendsms("+6281234567891", "no validity", "app", null, 0, null, null, 0,
                null, -1, -1))).get(0);
        assertEquals(none, queue.claim("modems", "m1", OffsetDateTime.now().plusDays(30), ClaimFilter.ANY).orElseThrow().id());
    }

    @Test
    void aDeferredSmsIsNotClaimedBeforeItsTime() {
        kannel.store(List.of(sms("+6281298765432", 0, 5)));
        assertTrue(queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).isEmpty());
        assertTrue(queue.claim("modems", "m1", OffsetDateTime.now().plusMinutes(6), ClaimFilter.ANY).isPresent());
    }

    @Test
    void sentThenDeliveredGivesTheTwoReportsTheMaskAsksFor() {
        long id = kannel.store(List.of(sms("+6281234567890", 1 | 8, -1))).get(0);
        OutboundSms claimed = queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        assertEquals(id, claimed.id());
        queue.markSent(id, "modems", "m1", List.of("m1:7"));
        assertTrue(messages.recordDeliveryReport("modems", "m1:7", "+6281234567890", "delivered", 0).isPresent());
        List<DlrCall> calls = kannel.claimDue(10, "hub", Duration.ofSeconds(30));
        assertEquals(2, calls.size());
        assertEquals(List.of(DlrType.SMSC_ACCEPTED, DlrType.DELIVERED), calls.stream().map(c -> c.report().type()).toList());
        DlrReport delivered = calls.get(1).report();
        assertEquals("+6281234567890", delivered.receiver());
        assertEquals("SCHOOL", delivered.sender());
        assertEquals("Success", delivered.reply());
        assertEquals("m1", delivered.smscId());
        assertEquals("http://app/dlr?d=1&p=%2B6281234567890", DlrEscapes.fill(calls.get(1).urlPattern(), delivered));
        assertEquals(1, calls.get(1).attempt());
        assertTrue(kannel.claimDue(10, "hub", Duration.ofSeconds(30)).isEmpty(), "leased");
    }

    @Test
    void aMaskWithoutTheBitGetsNoReportAndNoMaskNoneAtAll() {
        long masked = kannel.store(List.of(sms("+6281234567890", 1, -1))).get(0);
        kannel.store(List.of(sms("+6281298765432", 0, -1))).get(0);
        for (int i = 0; i < 2; i++) {
            OutboundSms s = queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
            queue.markSent(s.id(), "modems", "m1", List.of(s.id() == masked ? "m1:1" : "m1:2"));
        }
        assertTrue(kannel.claimDue(10, "hub", Duration.ofSeconds(30)).isEmpty());
        messages.recordDeliveryReport("modems", "m1:2", "+6281298765432", "failed", 70);
        assertTrue(kannel.claimDue(10, "hub", Duration.ofSeconds(30)).isEmpty());
    }

    @Test
    void aBufferedThenUndeliveredReportGivesTypesFourThenTwo() {
        long id = kannel.store(List.of(sms("+6281234567890", 2 | 4, -1))).get(0);
        queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        queue.markSent(id, "modems", "m1", List.of("m1:9"));
        messages.recordDeliveryReport("modems", "m1:9", "+6281234567890", "pending", 48);
        messages.recordDeliveryReport("modems", "m1:9", "+6281234567890", "failed", 70);
        List<DlrCall> calls = kannel.claimDue(10, "hub", Duration.ofSeconds(30));
        assertEquals(List.of(DlrType.BUFFERED, DlrType.UNDELIVERED), calls.stream().map(c -> c.report().type()).toList());
        assertEquals(List.of("Buffered", "Failed"), calls.stream().map(c -> c.report().reply()).toList());
    }

    @Test
    void aFailedSendIsAnSmscRefusalWithItsReasonWhenTheMaskAsksForUndelivered() {
        long id = kannel.store(List.of(sms("+6281234567890", 2, -1))).get(0);
        queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        queue.fail(id, "+CMS ERROR: 500", 500);
        List<DlrCall> calls = kannel.claimDue(10, "hub", Duration.ofSeconds(30));
        assertEquals(1, calls.size());
        assertEquals(DlrType.SMSC_REJECTED, calls.get(0).report().type());
        assertEquals("NACK/+CMS ERROR: 500", calls.get(0).report().reply());
    }

    @Test
    void aFailedCallIsDueAgainAfterItsDelayAndADoneOneNever() throws Exception {
        long id = kannel.store(List.of(sms("+6281234567890", 8, -1))).get(0);
        queue.claim("modems", "m1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        queue.markSent(id, "modems", "m1", List.of("m1:3"));
        DlrCall call = kannel.claimDue(10, "hub", Duration.ofSeconds(30)).get(0);
        kannel.retryLater(call.id(), 503, "HTTP 503", Duration.ZERO);
        DlrCall again = kannel.claimDue(10, "hub", Duration.ofSeconds(30)).get(0);
        assertEquals(2, again.attempt());
        kannel.markCalled(again.id(), 200);
        sql("UPDATE kannel_dlr SET next_attempt_at = now() - interval '1 hour'");
        assertTrue(kannel.claimDue(10, "hub", Duration.ofSeconds(30)).isEmpty());
        assertEquals("SENT|200", row("SELECT status || '|' || http_status FROM kannel_dlr"));
    }

    private static String row(String query) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return String.join(",", out);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
