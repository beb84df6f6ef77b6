package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Outbound SMS on a real PostgreSQL: idempotent storing and reading back (the queue itself: {@link OutboundQueueTest}). */
class OutboundStoreTest {

    private static final String TO = "+6281234567890";

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private MessageStore store;

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
        assertEquals(List.of(), sms.partRefs());
        assertTrue(sms.createdAt() != null);
        assertNull(sms.broadcastId());
        assertEquals(0, sms.lane());
        assertNull(sms.errorCode());
        assertFalse(sms.possibleDuplicate());
    }

    @Test
    void optOutsAreKnownToTheQueue() {
        assertFalse(store.isOptedOut(TO));
        store.storeInbound(new NewInbound("modems", "modem1", TO, "STOP", 1, false, OffsetDateTime.now()));
        assertTrue(store.isOptedOut(TO));
    }

    @Test
    void aStatusReportLandsOnItsOwnSmsWhenReferencesHaveWrapped() throws Exception {
        long older = store.storeOutbound(new NewOutbound("+6281200000001", "a", "api", null, "admin")).id();
        long newer = store.storeOutbound(new NewOutbound("+6281200000002", "b", "api", null, "admin")).id();
        try (var c = db.dataSource().getConnection(); var ps = c.prepareStatement("UPDATE outbound_sms SET status = 'SENT',"
                + " channel = 'modems', modem = 'gsm1', part_refs = '{gsm1:7}', sent_at = now() - (? * interval '1 minute') WHERE id = ?")) {
            ps.setInt(1, 10);
            ps.setLong(2, older);
            ps.executeUpdate();
            ps.setInt(1, 1);
            ps.setLong(2, newer);
            ps.executeUpdate();
        }

        // The network reports the older one (256 SMS ago, same reference), in national form.
        assertEquals(Optional.of(older), store.recordDeliveryReport("modems", "gsm1:7", "081200000001", "delivered", 0));
        assertEquals(Optional.of(newer), store.recordDeliveryReport("modems", "gsm1:7", "+6281200000002", "pending", 32));
        assertEquals(Optional.of(newer), store.recordDeliveryReport("modems", "gsm1:7", "+6281200000002", "delivered", 0));
        // A repeated final report finds nothing left to update, and the caller retries or gives up.
        assertEquals(Optional.empty(), store.recordDeliveryReport("modems", "gsm1:7", "+6281200000002", "delivered", 0));
    }
    @Test
    void reportsRecordedTogetherEachLandOnTheirOwnSmsAndASecondOnOneSmsWaitsItsTurn() throws Exception {
        long older = store.storeOutbound(new NewOutbound("+6281200000001", "a", "api", null, "admin")).id();
        long newer = store.storeOutbound(new NewOutbound("+6281200000002", "b", "api", null, "admin")).id();
        long smsc = store.storeOutbound(new NewOutbound("+6281200000003", "c", "api", null, "admin")).id();
        try (var c = db.dataSource().getConnection(); var ps = c.prepareStatement("UPDATE outbound_sms SET status = 'SENT',"
                + " channel = ?, modem = 'x', part_refs = ?::text[], sent_at = now() - (? * interval '1 minute') WHERE id = ?")) {
            Object[][] rows = {{"modems", "{gsm1:7}", 10, older}, {"modems", "{gsm1:7}", 1, newer},
                {"operator", "{5f2a,5f2b}", 1, smsc}};
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.executeUpdate();
            }
        }

        List<Optional<Long>> landed = store.recordDeliveryReports(List.of(
                new MessageStore.DeliveryReport("operator", "5f2b", "+6281200000003", "delivered", 0),
                new MessageStore.DeliveryReport("modems", "gsm1:7", "081200000001", "failed", 70),
                new MessageStore.DeliveryReport("operator", "5f2a", "+6281200000003", "delivered", 0),
                new MessageStore.DeliveryReport("modems", "gsm1:7", "+6281200000002", "delivered", 0),
                new MessageStore.DeliveryReport("operator", "77", "+6281200000003", "delivered", 0)));
        assertEquals(List.of(Optional.of(smsc), Optional.of(older), Optional.empty(), Optional.of(newer),
                Optional.empty()), landed, "the second report on one SMS and a reference nobody sent land nowhere");
        try (var c = db.dataSource().getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT id, delivery_status, delivery_code FROM outbound_sms ORDER BY id")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getInt(3));
            }
            assertEquals(List.of(older + " failed 70", newer + " delivered 0", smsc + " delivered 0"), rows);
        }
    }
}
