package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.calls.CallCause;
import org.switchboard.calls.CallState;
import org.switchboard.calls.CallStore;
import org.switchboard.calls.CallTransition;

class ConversationTimelineTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private static final String NUMBER = "+6281234567890";

    private void sql(String statement, Object... args) {
        Sql.update(db.dataSource(), "fixture", statement, args);
    }

    @Test
    void smsBothWaysCallsAndVoicemailsOfOneNumberInTimeOrderWithTheContact() {
        sql("INSERT INTO contact (number, name, attributes) VALUES (?, 'Budi', '{\"school\": \"SMA 1\"}')", NUMBER);
        sql("INSERT INTO inbound_sms (modem, originator, text, received_at, fingerprint, email_status,"
                + " email_message_id) VALUES ('gsm1', ?, 'Halo', now() - interval '3 minutes', 'f1', 'SENT',"
                + " '<sms-1@sms.local>')", NUMBER);
        sql("INSERT INTO inbound_sms (modem, originator, text, received_at, fingerprint) VALUES ('gsm1',"
                + " '+6281299999999', 'someone else', now() - interval '2 minutes', 'f2')");
        sql("INSERT INTO outbound_sms (recipient, text, source, status, created_at, delivery_status) VALUES (?,"
                + " 'Terima kasih', 'api', 'SENT', now() - interval '2 minutes', 'delivered')", NUMBER);
        CallStore calls = new CallStore(db.dataSource());
        long call = calls.create("ami", "n", "admin", "1001", NUMBER).id();
        calls.record(new CallTransition(call, CallState.ENDED, CallCause.CUSTOMER_HUNG_UP, 16, "bye",
                java.time.Instant.now()));
        sql("INSERT INTO voicemail_forward (message_id, mailbox, caller, claimed_at) VALUES ('<vm-1@pbx>', '100',"
                + " '\"Budi\" <081234567890>', now() + interval '1 minute')");
        sql("INSERT INTO voicemail_forward (message_id, mailbox, caller) VALUES ('<vm-2@pbx>', '100', '0899')");

        ConversationTimeline.Timeline t = new ConversationTimeline(db.dataSource()).of(NUMBER, "081234567890", 50);

        assertEquals("Budi", t.contact().name());
        assertEquals(Map.of("school", "SMA 1"), t.contact().attributes());
        assertNull(t.contact().optOutKeyword());
        assertEquals(List.of("sms-in", "sms-out", "call", "voicemail"), t.events().stream()
                .map(ConversationTimeline.Event::kind).toList());
        assertEquals("EMAILED", t.events().get(0).status());
        assertEquals("<sms-1@sms.local>", t.events().get(0).details().get("emailMessageId"));
        assertEquals("delivered", t.events().get(1).details().get("delivery"));
        assertEquals("ended", t.events().get(2).status());
        assertEquals("customer-hung-up", t.events().get(2).details().get("cause"));
        assertEquals("<vm-1@pbx>", t.events().get(3).id());
        assertFalse(t.more());

        ConversationTimeline.Timeline latest = new ConversationTimeline(db.dataSource()).of(NUMBER, "081234567890", 2);
        assertTrue(latest.more());
        assertEquals(List.of("call", "voicemail"), latest.events().stream().map(ConversationTimeline.Event::kind)
                .toList(), "the latest, oldest first");

        ConversationTimeline.Timeline stranger = new ConversationTimeline(db.dataSource()).of("+6281277777777", null,
                10);
        assertNull(stranger.contact().name());
        assertTrue(stranger.events().isEmpty());
    }
}
