package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.ClaimFilter;

/** The counts behind /metrics and /api/modems, on a real PostgreSQL: each table lands in its channel and direction. */
class MessageTallyTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    @Test
    void everyTableCountsInItsChannelDirectionAndStatusAndSentAndFailedPerModem() throws Exception {
        TestDatabases.truncateAll(db.dataSource());
        MessageStore store = new MessageStore(db.dataSource());
        OutboundQueue queue = new OutboundQueue(db.dataSource());
        long api1 = store.storeOutbound(new NewOutbound("+6281200000001", "a", NewOutbound.SOURCE_API, null, "admin")).id();
        long api2 = store.storeOutbound(new NewOutbound("+6281200000002", "b", NewOutbound.SOURCE_API, null, "admin")).id();
        store.storeOutbound(new NewOutbound("+6281200000003", "c", NewOutbound.SOURCE_EMAIL_REPLY, "<m1@x>", "staff"));
        queue.claim("modems", "gsm1", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        queue.markSent(api1, "modems", "gsm1", List.of("gsm1:7"));
        queue.claim("modems", "gsm2", OffsetDateTime.now(), ClaimFilter.ANY).orElseThrow();
        queue.fail(api2, "unassigned number", 1);
        long in1 = store.storeInbound(new NewInbound("modems", "gsm1", "+6281300000001", "halo", 1, false, OffsetDateTime.now())).id();
        store.storeInbound(new NewInbound("modems", "gsm2", "+6281300000002", "apa kabar", 1, false, OffsetDateTime.now()));
        store.markEmailed(in1, "<e1@x>");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO voicemail_notify (mailbox, new_count, old_count, notified)"
                    + " VALUES ('1001', 1, 0, true), ('1001', 1, 0, false), ('1002', 0, 0, false)");
            s.executeUpdate("INSERT INTO voicemail_notification (mailbox, notification, new_count, old_count, urgent_new,"
                    + " urgent_old, notify_id) VALUES ('1001', 1, 1, 0, 0, 0, 1)");
            s.executeUpdate("INSERT INTO voicemail_forward (message_id, mailbox) VALUES ('<vm1@pbx>', '1001')");
        }

        MessageTally.Counts n = new MessageTally(db.dataSource()).count();

        assertEquals(1, n.messages("sms", "out", "SENT"));
        assertEquals(1, n.messages("sms", "out", "FAILED"));
        assertEquals(1, n.messages("sms", "out", "PENDING"));
        assertEquals(0, n.messages("sms", "out", "HELD"));
        assertEquals(2, n.messages("sms", "in", "RECEIVED"));
        assertEquals(1, n.messages("email", "out", "SENT"));
        assertEquals(1, n.messages("email", "out", "PENDING"));
        assertEquals(1, n.messages("email", "in", "PENDING"), "the staff reply, by the status of its SMS");
        assertEquals(1, n.messages("voicemail", "out", "PENDING"));
        assertEquals(1, n.messages("voicemail", "in", "FORWARDED"));
        assertEquals(1, n.messages("sip", "in", "NOTIFIED"));
        assertEquals(2, n.messages("sip", "in", "NO_NOTIFICATION"));
        assertEquals(1, n.byModem("gsm1", "SENT"));
        assertEquals(0, n.byModem("gsm1", "FAILED"));
        assertEquals(1, n.byModem("gsm2", "FAILED"));
        assertEquals(0, n.byModem("gsm3", "SENT"));
    }
}
