package org.switchboard.hub.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.hub.TestMail;
import org.switchboard.hub.TestRows;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.sip.MessageSummary;
import org.switchboard.sip.SipConstants;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.voicemail.VoicemailStore;

/**
 * {@link VoicemailRoute} through Camel on a real PostgreSQL, its {@code sip:} consumer replaced by a direct endpoint
 * that is handed what the consumer puts on the exchange: each accepted NOTIFY is stored with its decision (a rising new
 * count owes the owner a notification, committed with it), a rejected one is journalled with its source and why, and
 * one that cannot be stored fails the exchange, so the PBX gets no 200 and sends it again.
 */
class VoicemailRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final String PBX = "127.0.0.1:5062";

    private CamelContext camel;
    private ProducerTemplate template;
    private JournalWriter journal;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        journal = new JournalWriter(db.dataSource());
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        // The endpoint VoicemailModule makes, on a free port; its consumer is replaced below and never listens.
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("host", "127.0.0.1");
        options.put("port", TestMail.deadPort());
        options.put("transports", "udp");
        options.put("allowedPeers", "127.0.0.1");
        camel.addRoutes(new VoicemailRoute(camel.getEndpoint("sip:pbx", options), new VoicemailStore(db.dataSource())));
        AdviceWith.adviceWith(camel, VoicemailRoute.ROUTE_ID, route -> route.replaceFromWith("direct:notify"));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        journal.close();
    }

    /** What the sip: consumer hands the route for a NOTIFY it accepted (SipBinding.fill). */
    private Exchange accepted(String mailbox, String body) throws Exception {
        MessageSummary summary = MessageSummary.parse(body);
        return template.send("direct:notify", e -> {
            e.getIn().setBody(summary);
            e.getIn().setHeader(SipConstants.SOURCE_ADDRESS, PBX);
            e.getIn().setHeader(SipConstants.TRANSPORT, "UDP");
            e.getIn().setHeader(SipConstants.EVENT, SipConstants.EVENT_PACKAGE);
            e.getIn().setHeader(SipConstants.IN_DIALOG, false);
            e.getIn().setHeader(SipConstants.MAILBOX, mailbox);
            e.getIn().setHeader(SipConstants.OUTCOME, SipConstants.ACCEPTED);
        });
    }

    private static String summary(int newCount, int oldCount) {
        return "Messages-Waiting: " + (newCount > 0 ? "yes" : "no") + "\r\nMessage-Account: sip:*97@pbx\r\n"
                + "Voice-Message: " + newCount + "/" + oldCount + " (0/0)\r\n";
    }

    private List<String> notifies() {
        return TestRows.texts(db.dataSource(), "SELECT concat_ws('|', id, mailbox, new_count, old_count, source, notified)"
                + " FROM voicemail_notify ORDER BY id");
    }

    private List<String> owed() {
        return TestRows.texts(db.dataSource(), "SELECT concat_ws('|', mailbox, notification, new_count, notify_id,"
                + " status) FROM voicemail_notification ORDER BY id");
    }

    private List<String> hops(long notify) {
        journal.flush();
        return TestRows.hops(db.dataSource(), "voicemail_notify", notify);
    }

    @Test
    void eachNotifyIsStoredAndOnlyARisingNewCountOwesTheOwnerANotification() throws Exception {
        assertNull(accepted("1001", summary(1, 8)).getException());
        assertNull(accepted("1001", summary(1, 8)).getException());
        assertNull(accepted("1001", summary(2, 8)).getException());
        assertNull(accepted("1001", summary(0, 10)).getException());

        // Committed before the exchange completes, which is when the consumer answers 200.
        assertEquals(List.of("1|1001|1|8|" + PBX + "|t", "2|1001|1|8|" + PBX + "|f", "3|1001|2|8|" + PBX + "|t",
                "4|1001|0|10|" + PBX + "|f"), notifies());
        assertEquals(List.of("1001|1|1|1|PENDING", "1001|2|2|3|PENDING"), owed());
        assertEquals(List.of("notify-stored: mailbox 1001 1/8 (0/0) from " + PBX + ": first NOTIFY for this mailbox,"
                + " 1 new; the owner is told"), hops(1));
        assertTrue(hops(2).get(0).endsWith(": new count unchanged (1)"), hops(2)::toString);
        assertTrue(hops(3).get(0).endsWith(": new count rose from 1 to 2; the owner is told"), hops(3)::toString);
        assertTrue(hops(4).get(0).endsWith(": new count fell from 2 to 0 (messages listened to)"), hops(4)::toString);
    }

    @Test
    void aNotifyTheConsumerRejectedIsJournalledWithItsSourceAndWhyAndStoresNothing() throws Exception {
        Exchange done = template.send("direct:notify", e -> {
            e.getIn().setBody(null);
            e.getIn().setHeader(SipConstants.SOURCE_ADDRESS, "10.9.8.7:5060");
            e.getIn().setHeader(SipConstants.EVENT, SipConstants.EVENT_PACKAGE);
            e.getIn().setHeader(SipConstants.MAILBOX, "1001");
            e.getIn().setHeader(SipConstants.OUTCOME, SipConstants.REJECTED);
            e.getIn().setHeader(SipConstants.STATUS_CODE, 403);
            e.getIn().setHeader(SipConstants.REASON, "Forbidden: 10.9.8.7 is not an allowed peer");
        });

        assertNull(done.getException());
        assertEquals(List.of(), notifies());
        assertEquals(List.of(), owed());
        assertEquals(List.of("notify-rejected: 403 to 10.9.8.7:5060 (Event: message-summary): Forbidden: 10.9.8.7 is"
                + " not an allowed peer"), hops(0));
    }

    @Test
    void aNotifyThatCannotBeStoredFailsTheExchangeSoThePbxSendsItAgain() throws Exception {
        // No mailbox in To, the Request-URI or Message-Account: nothing to store it under.
        Exchange done = accepted(null, summary(3, 0));

        assertNotNull(done.getException(), "the consumer must not answer 200");
        assertEquals(List.of(), notifies());
        assertEquals(List.of("notify-stored: failed: no mailbox", "failed: failed: no mailbox"), hops(0));
    }
}
