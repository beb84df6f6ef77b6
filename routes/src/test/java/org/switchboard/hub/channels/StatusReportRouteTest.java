package org.switchboard.hub.channels;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.Channels;
import org.switchboard.channel.DeliveryState;
import org.switchboard.channel.FakeChannel;
import org.switchboard.channel.StatusReport;
import org.switchboard.hub.TestRows;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/**
 * {@link StatusReportRoute} driven by fake channels through Camel on a real PostgreSQL: a report lands on the SMS
 * that its channel sent with that part reference, one that overtakes its SMS's commit is tried again until the SMS is
 * there, and one for an SMS this hub never sent is given up without failing the channel.
 */
class StatusReportRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FakeChannel alpha = new FakeChannel("alpha", "alpha-1");
    private final FakeChannel beta = new FakeChannel("beta", "beta-1");
    private final AtomicInteger redeliveries = new AtomicInteger();
    private CamelContext camel;
    private JournalWriter journal;
    private MessageStore store;
    private org.switchboard.store.GroupCommit<MessageStore.DeliveryReport, java.util.Optional<Long>> reports;
    private OutboundQueue queue;

    @BeforeEach
    void start() throws Exception {
        TestDatabases.truncateAll(db.dataSource());
        store = new MessageStore(db.dataSource());
        queue = new OutboundQueue(db.dataSource());
        journal = new JournalWriter(db.dataSource());
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        // Counts the route's attempts beyond the first, to see it ask again.
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeRedeliveryEvent) {
                    redeliveries.incrementAndGet();
                }
            }
        });
        ChannelsLifecycle.install(new Channels(List.of(alpha, beta), Map.of()), camel);
        reports = StatusReportRoute.grouped(store);
        camel.addRoutes(new StatusReportRoute(reports));
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        reports.close();
        journal.close();
    }

    private long queued(String to) {
        return store.storeOutbound(new NewOutbound(to, "Halo " + to, NewOutbound.SOURCE_API, null, "admin")).id();
    }

    private static StatusReport report(String channel, String reference, String recipient, DeliveryState state,
            int code) {
        return new StatusReport(channel, channel + "-1", reference, recipient, state, code,
                state.value() + " (TP-ST " + code + ")");
    }

    private String delivery(long id) {
        return TestRows.text(db.dataSource(), "SELECT coalesce(delivery_status, '-') || ' ' || coalesce(delivery_code::text,"
                + " '-') FROM outbound_sms WHERE id = ?", id);
    }

    @Test
    void aReportLandsOnTheSmsThatItsChannelSentWithThatPartReference() throws Exception {
        // Two channels that both numbered a part 17 (a modem's references wrap every 256 SMS).
        long viaAlpha = queued("+6281100000001");
        long viaBeta = queued("+6281200000002");
        queue.markSent(viaAlpha, "alpha", "alpha-1", List.of("16", "17"));
        queue.markSent(viaBeta, "beta", "beta-1", List.of("17"));

        // The network reports the number in national form.
        beta.listener().reported(report("beta", "17", "081200000002", DeliveryState.DELIVERED, 0));
        alpha.listener().reported(report("alpha", "17", "+6281100000001", DeliveryState.FAILED, 70));

        // Committed when the call returns: the channel may acknowledge the report now.
        assertEquals("delivered 0", delivery(viaBeta));
        assertEquals("failed 70", delivery(viaAlpha));
        journal.flush();
        assertEquals(List.of("status-report: channel beta: delivered (TP-ST 0)"),
                TestRows.hops(db.dataSource(), "outbound_sms", viaBeta));
        assertEquals(List.of("status-report: channel alpha: failed (TP-ST 70)"),
                TestRows.hops(db.dataSource(), "outbound_sms", viaAlpha));
    }

    @Test
    void aReportThatOvertakesTheCommitOfItsSmsIsTriedAgainUntilTheSmsIsSent() throws Exception {
        long id = queued("+6281100000003");
        // The report arrives while the dispatcher has not yet marked the SMS sent.
        CompletableFuture<Void> reported = CompletableFuture.runAsync(() -> {
            try {
                alpha.listener().reported(report("alpha", "42", "+6281100000003", DeliveryState.DELIVERED, 0));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        await().atMost(WAIT).until(() -> redeliveries.get() >= 1);
        assertEquals("- -", delivery(id), "nothing to land on yet");

        queue.markSent(id, "alpha", "alpha-1", List.of("42"));
        reported.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("delivered 0", delivery(id));
        journal.flush();
        assertEquals(List.of("status-report: channel alpha: delivered (TP-ST 0)"),
                TestRows.hops(db.dataSource(), "outbound_sms", id));
    }

    @Test
    void aReportForAnSmsThisHubDidNotSendIsGivenUpWithoutFailingTheChannel() throws Exception {
        long id = queued("+6281100000004");
        queue.markSent(id, "alpha", "alpha-1", List.of("5"));

        // Another system sent through the same SIM, or through beta: no SMS of ours matches.
        alpha.listener().reported(report("alpha", "6", "+6281100000004", DeliveryState.DELIVERED, 0));
        beta.listener().reported(report("beta", "5", "+6281100000004", DeliveryState.DELIVERED, 0));

        // Returning normally lets the channel acknowledge it: kept, it would be handed over forever.
        assertTrue(redeliveries.get() > 1, "asked again for a moment first: " + redeliveries.get());
        assertEquals("- -", delivery(id));
        journal.flush();
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM journal"));
    }
}
