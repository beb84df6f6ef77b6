package org.switchboard.hub.channels;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.ChannelRules;
import org.switchboard.channel.Channels;
import org.switchboard.channel.FakeChannel;
import org.switchboard.channel.LineState;
import org.switchboard.channel.OutboundMessage;
import org.switchboard.channel.SubmitFailure;
import org.switchboard.dispatch.RetryPolicy;
import org.switchboard.hub.monitor.DispatchLatency;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/**
 * {@link DispatchRoute} driven through Camel on a real PostgreSQL, over two fake channels: the routing rules send each
 * SMS to the channel allowed to carry it, a channel that cannot carry one hands it to the other, a channel that goes
 * down leaves its share to the other, and the journal names the channel of every SMS.
 */
class DispatchRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FakeChannel alpha = new FakeChannel("alpha", "alpha-1", "alpha-2");
    private final FakeChannel beta = new FakeChannel("beta", "beta-1");
    private CamelContext camel;
    private final List<ChannelQueue> linesOfChannels = new ArrayList<>();
    private JournalWriter journal;
    private MessageStore store;

    @BeforeEach
    void start() {
        TestDatabases.truncateAll(db.dataSource());
        store = new MessageStore(db.dataSource());
        journal = new JournalWriter(db.dataSource());
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        linesOfChannels.forEach(ChannelQueue::close);
        journal.close();
    }

    private void run(Map<String, ChannelRules> rules) throws Exception {
        Channels channels = new Channels(List.of(alpha, beta), rules);
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        OutboundQueue queue = new OutboundQueue(db.dataSource());
        DispatchRoute.Options options = new DispatchRoute.Options(20,
                new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), 5), Duration.ofMillis(50),
                Duration.ofMillis(200), 0);
        for (var channel : channels.all()) {
            ChannelQueue lines = new ChannelQueue(queue, channels, channel);
            linesOfChannels.add(lines);
            for (String line : channel.lines()) {
                camel.addRoutes(new DispatchRoute(channels, channel, line, lines, options, DispatchLatency.NONE));
            }
        }
        camel.start();
    }

    private long queued(String to) {
        return store.storeOutbound(new NewOutbound(to, "Halo " + to, NewOutbound.SOURCE_API, null, "admin")).id();
    }

    private static ChannelRules allowed(String prefix) {
        return new ChannelRules(List.of(prefix), List.of(), List.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    @Test
    void eachSmsGoesToTheChannelItsPrefixAllowsAndTheJournalSaysWhich() throws Exception {
        run(Map.of("alpha", allowed("+62811"), "beta", allowed("+62812")));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(queued("+6281100000" + (100 + i)));
            ids.add(queued("+6281200000" + (100 + i)));
        }
        awaitSent(ids.size());
        assertTrue(alpha.sent().stream().allMatch(m -> m.recipient().startsWith("+62811")), alpha.sent()::toString);
        assertTrue(beta.sent().stream().allMatch(m -> m.recipient().startsWith("+62812")), beta.sent()::toString);
        assertEquals(10, alpha.sent().size());
        assertEquals(10, beta.sent().size());
        journal.flush();
        Map<Long, String> via = sentVia();
        for (long id : ids) {
            String recipient = store.outbound(id).orElseThrow().recipient();
            assertEquals(recipient.startsWith("+62811") ? "alpha" : "beta", via.get(id), "journal of out-" + id);
            assertEquals(via.get(id), store.outbound(id).orElseThrow().channel());
        }
    }

    @Test
    void aChannelThatCannotCarryAMessageHandsItToTheOther() throws Exception {
        // alpha's lines work, but it refuses this number as a channel (not a line) failure: beta must take it.
        alpha.fail("+6281100000001", new SubmitFailure("binary messages not carried", SubmitFailure.Retry.ELSEWHERE,
                false, null, false, null));
        beta.all(LineState.State.DOWN);
        run(Map.of());
        long id = queued("+6281100000001");
        await().atMost(WAIT).until(() -> store.outbound(id).orElseThrow().requeues() >= 1);
        beta.all(LineState.State.READY);
        awaitSent(1);
        assertEquals(List.of("+6281100000001"), beta.sent().stream().map(OutboundMessage::recipient).toList());
        journal.flush();
        List<String> hops = hops(id);
        // The attempt on alpha: its "sent" step failed with alpha's reason, then the SMS went back to the queue.
        assertEquals("sent: failed: binary messages not carried", hops.get(0));
        assertTrue(hops.get(1).startsWith("requeued: line alpha-"), hops::toString);
        assertTrue(hops.get(1).contains("back in the queue for another channel"), hops::toString);
        assertTrue(hops.get(hops.size() - 1).startsWith("sent: to +6281100000001 via channel beta"), hops::toString);
    }

    @Test
    void aChannelGoingDownMidwayLeavesTheRestToTheOtherWithNothingLostOrTwice() throws Exception {
        run(Map.of());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(queued("+628130000" + (1000 + i)));
        }
        await().atMost(WAIT).until(() -> alpha.sent().size() >= 30);
        alpha.all(LineState.State.DOWN);
        int alphaAtOutage = alpha.sent().size();
        awaitSent(ids.size());
        List<String> delivered = new ArrayList<>();
        alpha.sent().forEach(m -> delivered.add(m.recipient()));
        beta.sent().forEach(m -> delivered.add(m.recipient()));
        assertEquals(ids.size(), delivered.size(), "each SMS went out once");
        assertEquals(ids.size(), Set.copyOf(delivered).size(), "no SMS went out twice");
        assertTrue(alpha.sent().size() <= alphaAtOutage + 2, "at most what alpha's two lines had in hand");
        assertTrue(beta.sent().size() >= ids.size() - alphaAtOutage - 2);
        journal.flush();
        Map<Long, String> via = sentVia();
        assertEquals(ids.size(), via.size(), "a sent hop with its channel for every SMS");
    }

    private void awaitSent(int count) {
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbound_sms WHERE status = 'SENT'") == count);
    }

    /** Each SMS's channel as its journal's "sent" hop names it. */
    private Map<Long, String> sentVia() throws Exception {
        Map<Long, String> via = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT message_id, substring(detail from 'via channel ([a-z]+)') FROM journal WHERE hop = 'sent'"
                        + " AND message_kind = 'outbound_sms' AND error IS NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                via.put(rs.getLong(1), rs.getString(2));
            }
        }
        return via;
    }

    private List<String> hops(long id) throws Exception {
        List<String> hops = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT hop || ': ' || coalesce('failed: ' || error, detail, '') FROM journal"
                        + " WHERE message_kind = 'outbound_sms' AND message_id = ? ORDER BY id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hops.add(rs.getString(1));
                }
            }
        }
        return hops;
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
