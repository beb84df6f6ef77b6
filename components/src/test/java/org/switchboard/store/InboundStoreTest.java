package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Inbound SMS, their email outbox, conversations, contacts and opt-outs on a real PostgreSQL. */
class InboundStoreTest {

    private static final OffsetDateTime SCTS = OffsetDateTime.of(2025, 3, 1, 9, 30, 15, 0, ZoneOffset.ofHours(7));
    private static final String ANI = "+6281234567890";

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private MessageStore store;

    @BeforeEach
    void emptyTables() {
        TestDatabases.truncateAll(db.dataSource());
        store = new MessageStore(db.dataSource());
    }

    private static NewInbound sms(String text) {
        return new NewInbound("modems", "modem1", ANI, text, 1, false, SCTS);
    }

    @Test
    void theSameSmsReadTwiceIsStoredOnce() {
        StoredInbound first = store.storeInbound(sms("Halo, printer saya rusak"));
        // After a crash between commit and the modem's delete, the SMS is read again, SCTS in another notation.
        StoredInbound again = store.storeInbound(new NewInbound("modems", "modem1", ANI, "Halo, printer saya rusak", 1, false,
                SCTS.withOffsetSameInstant(ZoneOffset.UTC)));

        assertFalse(first.duplicate());
        assertTrue(again.duplicate());
        assertEquals(first.id(), again.id());
        assertEquals(1, count("SELECT count(*) FROM inbound_sms"));
    }

    @Test
    void anotherTextOrTimeOrModemIsAnotherSms() {
        long a = store.storeInbound(sms("one")).id();
        long b = store.storeInbound(sms("two")).id();
        long c = store.storeInbound(new NewInbound("modems", "modem1", ANI, "one", 1, false, SCTS.plusSeconds(1))).id();
        long d = store.storeInbound(new NewInbound("modems", "modem2", ANI, "one", 1, false, SCTS)).id();
        assertEquals(4, List.of(a, b, c, d).stream().distinct().count());
    }

    @Test
    void aStoredSmsReadsBackWithAllItsFields() {
        String text = "Terima kasih 🙏 مرحبا\r\nline two";
        long id = store.storeInbound(new NewInbound("modems", "modem2", ANI, text, 3, true, SCTS)).id();

        InboundSms sms = store.inbound(id).orElseThrow();
        assertEquals("modem2", sms.modem());
        assertEquals(ANI, sms.originator());
        assertEquals(text, sms.text());
        assertEquals(3, sms.parts());
        assertTrue(sms.incomplete());
        assertEquals(SCTS.toInstant(), sms.receivedAt().toInstant());
        assertEquals(EmailStatus.PENDING, sms.emailStatus());
        assertEquals(0, sms.emailAttempts());
        assertEquals(MessageStore.fingerprint(new NewInbound("modems", "modem2", ANI, text, 3, true, SCTS)), sms.fingerprint());
        assertNull(sms.optOutKeyword());
        assertEquals(Optional.empty(), store.inbound(id + 1000));
    }

    @Test
    void optOutKeywordsInAnyCaseOptTheNumberOutInTheSameTransaction() {
        StoredInbound stored = store.storeInbound(sms("  berhenti \n"));

        assertEquals("BERHENTI", stored.optOutKeyword());
        assertTrue(store.isOptedOut(ANI));
        assertEquals("BERHENTI", store.inbound(stored.id()).orElseThrow().optOutKeyword());
        assertEquals(SCTS.toInstant(), instant("SELECT opted_out_at FROM opt_out WHERE number = '" + ANI + "'"));
        // It still goes to the help desk, flagged.
        assertEquals(List.of(stored.id()), store.pendingEmails(10, SCTS.plusDays(1)).stream().map(InboundSms::id).toList());

        assertTrue(store.storeInbound(new NewInbound("modems", "m", "+6281111111111", "Stop", 1, false, SCTS)).optOut());
        assertTrue(store.storeInbound(new NewInbound("modems", "m", "+6282222222222", "UNSUBSCRIBE", 1, false, SCTS)).optOut());
        assertTrue(store.isOptedOut("+6281111111111"));
        assertTrue(store.isOptedOut("+6282222222222"));
    }

    @Test
    void aSentenceContainingStopIsNoOptOut() {
        StoredInbound stored = store.storeInbound(sms("please stop the noise"));
        assertFalse(stored.optOut());
        assertFalse(store.isOptedOut(ANI));
    }

    @Test
    void theOptOutRowAndTheSmsCommitOrFailTogether() throws SQLException {
        // A failure inside the transaction after the SMS insert (here: an opt-out number the table refuses)
        // must leave neither row. Force it with a trigger, the way a real constraint would fail.
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'opt-out refused'; END $$");
            st.execute("CREATE TRIGGER refuse_opt_out BEFORE INSERT ON opt_out FOR EACH ROW EXECUTE FUNCTION refuse()");
        }
        try {
            assertThrows(StoreException.class, () -> store.storeInbound(sms("STOP")));
            assertEquals(0, count("SELECT count(*) FROM inbound_sms"));
            assertFalse(store.isOptedOut(ANI));
        } finally {
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER refuse_opt_out ON opt_out");
                st.execute("DROP FUNCTION refuse()");
            }
        }
    }

    @Test
    void anAlphanumericSenderIsStoredAndFlaggedButCannotOptOut() {
        StoredInbound stored = store.storeInbound(new NewInbound("modems", "modem1", "TELKOMSEL", "STOP", 1, false, SCTS));
        assertEquals("STOP", stored.optOutKeyword());
        assertEquals(0, count("SELECT count(*) FROM opt_out"));
    }

    @Test
    void anEmailClaimedByOneNodeIsNotMailedByAnotherUntilItsLeaseRunsOut() {
        long first = store.storeInbound(sms("first")).id();
        long second = store.storeInbound(sms("second")).id();
        assertEquals(List.of(first), ids(store.claimEmails(1, "node-a", Duration.ofMinutes(2))));
        assertEquals(List.of(second), ids(store.claimEmails(10, "node-b", Duration.ofMinutes(2))),
                "node-a's email is node-a's while its lease runs");
        assertTrue(store.claimEmails(10, "node-a", Duration.ofMinutes(2)).isEmpty());

        // node-a died before mailing it: when the lease runs out anyone mails it
        assertEquals(1, count("UPDATE inbound_sms SET email_next_attempt_at = now() - interval '1 second'"
                + " WHERE id = " + first + " RETURNING 1"));
        assertEquals(List.of(first), ids(store.claimEmails(10, "node-b", Duration.ofMinutes(2))));
        assertTrue(store.markEmailed(first, "<sms-1@switchboard.local>"));
        assertEquals(0, count("SELECT count(*) FROM inbound_sms WHERE email_status = 'PENDING' AND id = " + first));
    }

    @Test
    void theEmailOutboxHandsOutDueSmsOldestFirstAndBacksOff() {
        OffsetDateTime now = OffsetDateTime.now();
        long first = store.storeInbound(sms("first")).id();
        long second = store.storeInbound(sms("second")).id();
        long third = store.storeInbound(sms("third")).id();
        assertEquals(List.of(first, second, third), ids(store.pendingEmails(10, now)));
        assertEquals(List.of(first, second), ids(store.pendingEmails(2, now)));

        // SMTP down for the first one: it waits its back-off, the others do not.
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(5), Duration.ofMinutes(10));
        assertTrue(store.markEmailRetry(first, "Connection refused", backoff.nextAttempt(1, now)));
        assertEquals(List.of(second, third), ids(store.pendingEmails(10, now)));
        assertEquals(List.of(first, second, third), ids(store.pendingEmails(10, now.plusSeconds(5))));
        InboundSms waiting = store.inbound(first).orElseThrow();
        assertEquals(1, waiting.emailAttempts());
        assertEquals("Connection refused", waiting.emailError());
        assertEquals(EmailStatus.PENDING, waiting.emailStatus());

        assertTrue(store.markEmailed(second, "<sms-2@switchboard.local>"));
        assertTrue(store.markEmailFailed(third, "552 message too large"));
        assertEquals(List.of(first), ids(store.pendingEmails(10, now.plusHours(1))));

        InboundSms sent = store.inbound(second).orElseThrow();
        assertEquals(EmailStatus.SENT, sent.emailStatus());
        assertEquals("<sms-2@switchboard.local>", sent.emailMessageId());
        assertTrue(sent.emailedAt() != null);
        assertEquals(1, sent.emailAttempts());
        InboundSms failed = store.inbound(third).orElseThrow();
        assertEquals(EmailStatus.FAILED, failed.emailStatus());
        assertEquals("552 message too large", failed.emailError());

        // A late retry or failure report must not undo a sent email.
        assertFalse(store.markEmailRetry(second, "late", now));
        assertFalse(store.markEmailFailed(second, "late"));
        assertEquals(EmailStatus.SENT, store.inbound(second).orElseThrow().emailStatus());

        assertTrue(store.markEmailed(first, "<sms-1@switchboard.local>"));
        InboundSms retried = store.inbound(first).orElseThrow();
        assertEquals(2, retried.emailAttempts());
        assertNull(retried.emailError());
        assertNull(retried.emailNextAttemptAt());
        assertTrue(store.pendingEmails(10, now.plusDays(1)).isEmpty());
    }

    @Test
    void backOffDoublesUpToItsCeiling() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(5), Duration.ofMinutes(1));
        assertEquals(Duration.ofSeconds(5), backoff.delay(1));
        assertEquals(Duration.ofSeconds(10), backoff.delay(2));
        assertEquals(Duration.ofSeconds(40), backoff.delay(4));
        assertEquals(Duration.ofMinutes(1), backoff.delay(5));
        assertEquals(Duration.ofMinutes(1), backoff.delay(1000));
    }

    @Test
    void aNumbersEmailsFormOneThreadFoundByAnyOfItsMessageIds() {
        assertEquals(Optional.empty(), store.conversation(ANI));

        store.recordEmail(ANI, "<root@switchboard.local>");
        store.recordEmail(ANI, "<second@switchboard.local>");
        store.recordEmail(ANI, "<third@switchboard.local>");
        store.recordEmail("+6289999999999", "<other@switchboard.local>");

        Conversation thread = store.conversation(ANI).orElseThrow();
        assertEquals("<root@switchboard.local>", thread.rootMessageId());
        assertEquals("<third@switchboard.local>", thread.lastMessageId());

        assertEquals(Optional.of(ANI), store.numberForMessageId("<root@switchboard.local>"));
        assertEquals(Optional.of(ANI), store.numberForMessageId("<third@switchboard.local>"));
        // Without brackets, as some parsers hand them over.
        assertEquals(Optional.of(ANI), store.numberForMessageId("third@switchboard.local"));
        assertEquals(Optional.of("+6289999999999"), store.numberForMessageId("<other@switchboard.local>"));
        assertEquals(Optional.empty(), store.numberForMessageId("<unknown@elsewhere>"));
        assertEquals(Optional.empty(), store.numberForMessageId(" "));
    }

    @Test
    void anEmailInTheMiddleOfAThreadIsFoundThroughItsSms() {
        long id = store.storeInbound(sms("middle")).id();
        store.markEmailed(id, "<middle@switchboard.local>");
        store.recordEmail(ANI, "<first@switchboard.local>");
        store.recordEmail(ANI, "<later@switchboard.local>");

        assertEquals(Optional.of(ANI), store.numberForMessageId("<middle@switchboard.local>"));
    }

    @Test
    void contactsHaveANameThatCanChange() {
        assertEquals(Optional.empty(), store.contactName(ANI));
        store.upsertContact(ANI, "Budi Santoso");
        assertEquals(Optional.of("Budi Santoso"), store.contactName(ANI));
        store.upsertContact(ANI, "Pak Budi");
        assertEquals(Optional.of("Pak Budi"), store.contactName(ANI));
        assertEquals(1, count("SELECT count(*) FROM contact"));
        assertEquals("{}", string("SELECT attributes::text FROM contact"));
    }

    @Test
    void theSchemaRefusesNumbersThatAreNotE164() {
        StoreException e = assertThrows(StoreException.class, () -> store.upsertContact("0812-3456-7890", "x"));
        assertTrue(e.getMessage().contains("e164"), e.getMessage());
        assertThrows(StoreException.class, () -> store.recordEmail("+0123", "<x@y>"));
        assertNotEquals(0, count("SELECT count(*) FROM flyway_schema_history"));
    }

    private static List<Long> ids(List<InboundSms> list) {
        return list.stream().map(InboundSms::id).toList();
    }

    private static long count(String sql) {
        return ((Number) value(sql)).longValue();
    }

    private static String string(String sql) {
        return (String) value(sql);
    }

    private static java.time.Instant instant(String sql) {
        return ((java.sql.Timestamp) value(sql)).toInstant();
    }

    private static Object value(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
