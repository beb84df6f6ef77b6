package org.switchboard.mo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewInbound;
import org.switchboard.store.StoredInbound;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/** MO routing on a real PostgreSQL: the SMS and its hand-over commit together; replies, retries and give-ups. */
class MoDeliveriesTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private MessageStore messages;
    private MoRuleStore rules;
    private MoDeliveries deliveries;

    @BeforeEach
    void empty() {
        TestDatabases.truncateAll(db.dataSource());
        TestDatabases.truncate(db.dataSource(), "mo_rule", "mo_delivery");
        messages = new MessageStore(db.dataSource());
        rules = new MoRuleStore(db.dataSource());
        deliveries = new MoDeliveries(db.dataSource());
        rules.save(new MoRule("quiz", "9123", List.of("REG"), null, MoRule.Target.HTTP, "http://app/q?from=%p", "GET",
                true, null, 100, "test", null));
    }

    private StoredInbound receive(String to, String text) {
        return messages.storeInbound(new NewInbound("operator", "operator-1", "+6281234567890", text, 1, false,
                OffsetDateTime.now(), to), deliveries.routing());
    }

    private String emailStatus(long id) {
        return messages.inbound(id).orElseThrow().emailStatus().name();
    }

    @Test
    void aMatchedSmsIsQueuedForItsApplicationAndNotEmailedAnUnmatchedOneIs() {
        StoredInbound routed = receive("9123", "reg quiz");
        assertEquals("rule quiz: GET http://app/q?from=%p", routed.routedTo());
        StoredInbound plain = receive("9123", "hello");
        assertNull(plain.routedTo());
        assertEquals(1, messages.pendingEmails(10, OffsetDateTime.now()).size());
        List<MoDelivery> due = deliveries.claim(MoRule.Target.HTTP, List.of(), 10, "hub", Duration.ofSeconds(30));
        assertEquals(1, due.size());
        MoDelivery d = due.get(0);
        assertEquals(routed.id(), d.inboundId());
        assertEquals("reg", d.keyword());
        assertEquals("9123", d.destination());
        assertTrue(deliveries.claim(MoRule.Target.HTTP, List.of(), 10, "hub", Duration.ofSeconds(30)).isEmpty(), "leased");
    }

    @Test
    void theApplicationsAnswerIsQueuedAsTheReplyOnce() {
        receive("9123", "REG QUIZ");
        MoDelivery d = deliveries.claim(MoRule.Target.HTTP, List.of(), 10, "hub", Duration.ofSeconds(30)).get(0);
        long reply = deliveries.done(d, 200, "Welcome to the quiz!").orElseThrow();
        assertEquals(reply, deliveries.done(d, 200, "Welcome to the quiz!").orElse(reply));
        assertEquals(MoDeliveries.REPLY_SOURCE, new MessageStore(db.dataSource()).outbound(reply).orElseThrow()
                .source());
    }

    @Test
    void aHandOverGivenUpSendsTheSmsToTheHelpDesk() {
        StoredInbound s = receive("9123", "REG QUIZ");
        assertTrue(messages.pendingEmails(10, OffsetDateTime.now()).isEmpty());
        MoDelivery d = deliveries.claim(MoRule.Target.HTTP, List.of(), 10, "hub", Duration.ofSeconds(30)).get(0);
        deliveries.retryLater(d, 503, "HTTP 503", Duration.ZERO);
        MoDelivery again = deliveries.claim(MoRule.Target.HTTP, List.of(), 10, "hub", Duration.ofSeconds(30)).get(0);
        assertEquals(2, again.attempts());
        deliveries.fail(again, 503, "HTTP 503 after 2 attempts");
        assertEquals(1, messages.pendingEmails(10, OffsetDateTime.now()).size());
        assertEquals(s.id(), messages.pendingEmails(10, OffsetDateTime.now()).get(0).id());
    }

    @Test
    void anSmppRuleWaitsForItsAccountsReceiver() {
        rules.save(new MoRule("bank", null, List.of("SALDO"), null, MoRule.Target.SMPP, null, null, false, "bankapp",
                100, "test", null));
        receive("9999", "SALDO 1234");
        assertTrue(deliveries.claim(MoRule.Target.SMPP, List.of("other"), 10, "hub", Duration.ofSeconds(30)).isEmpty());
        assertEquals("bankapp", deliveries.claim(MoRule.Target.SMPP, List.of("bankapp"), 10, "hub", Duration.ofSeconds(30))
                .get(0).systemId());
    }

    @Test
    void anSmppHandOverNobodyTakesForTooLongGoesToTheHelpDesk() {
        rules.save(new MoRule("bank", null, List.of("SALDO"), null, MoRule.Target.SMPP, null, null, false, "nobody",
                100, "test", null));
        StoredInbound s = receive("9999", "SALDO 1234");
        assertTrue(deliveries.giveUpOlderThan(MoRule.Target.SMPP, Duration.ofHours(1)).isEmpty());
        assertEquals(List.of(s.id()), deliveries.giveUpOlderThan(MoRule.Target.SMPP, Duration.ofMillis(-1)));
        assertEquals(s.id(), messages.pendingEmails(10, OffsetDateTime.now()).get(0).id());
        assertTrue(deliveries.claim(MoRule.Target.SMPP, List.of("nobody"), 10, "hub", Duration.ofSeconds(30)).isEmpty());
    }
}
