package org.switchboard.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.OutboundSms;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/**
 * Routing as the claims of each channel's lines do it, on a real PostgreSQL: every rule the configuration can give
 * ({@link ChannelRules}) becomes part of the claim's SQL, and what one channel may not claim waits for another.
 */
class ChannelRoutingTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private MessageStore store;
    private OutboundQueue queue;

    @BeforeEach
    void emptyTables() {
        TestDatabases.truncateAll(db.dataSource());
        store = new MessageStore(db.dataSource());
        queue = new OutboundQueue(db.dataSource());
    }

    private static ChannelRules allowed(String... prefixes) {
        return new ChannelRules(List.of(prefixes), List.of(), List.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    private long queued(String to, String account) {
        return store.storeOutbound(new NewOutbound(to, "Halo", NewOutbound.SOURCE_API, null, account)).id();
    }

    /** Everything {@code channel} can claim now, as recipients in claim order. */
    private List<String> drain(Channels channels, String channel) {
        List<String> got = new ArrayList<>();
        Optional<OutboundSms> next;
        while ((next = queue.claim(channel, channel + "1", OffsetDateTime.now(), channels.claimFilter(channel)))
                .isPresent()) {
            got.add(next.get().recipient());
            assertEquals(channel, next.get().channel());
        }
        return got;
    }

    @Test
    void eachChannelClaimsOnlyThePrefixesItIsAllowed() {
        Channels channels = new Channels(List.of(new FakeChannel("a", "a1"), new FakeChannel("b", "b1")),
                Map.of("a", allowed("+62811"), "b", allowed("+62812")));
        queued("+6281100000001", "admin");
        queued("+6281200000001", "admin");
        queued("+6281100000002", "admin");
        queued("+6281300000001", "admin");
        assertEquals(List.of("+6281100000001", "+6281100000002"), drain(channels, "a"));
        assertEquals(List.of("+6281200000001"), drain(channels, "b"));
        assertEquals(List.of(), drain(channels, "a"), "+62813 waits for a channel that may carry it");
    }

    @Test
    void deniedPrefixesAccountsAndLanesAreHonoured() {
        Channels channels = new Channels(List.of(new FakeChannel("a", "a1"), new FakeChannel("b", "b1")), Map.of(
                "a", new ChannelRules(List.of("+62"), List.of("+62819"), List.of(), Set.of("bank"), Set.of(), Set.of(0),
                        Set.of(MessageKind.TEXT))));
        queued("+6281100000001", "bank");
        queued("+6281900000001", "bank");
        queued("+6281100000002", "admin");
        assertEquals(List.of("+6281100000001"), drain(channels, "a"));
        assertEquals(List.of("+6281900000001", "+6281100000002"), drain(channels, "b"));
    }

    @Test
    void aPreferredChannelGetsItsPrefixWhileItIsUpAndTheOthersWhenItIsNot() {
        FakeChannel a = new FakeChannel("a", "a1");
        FakeChannel b = new FakeChannel("b", "b1");
        Channels channels = new Channels(List.of(a, b), Map.of("a", new ChannelRules(List.of(), List.of(),
                List.of("+62813"), Set.of(), Set.of(), Set.of(), Set.of())));
        queued("+6281300000001", "admin");
        queued("+6281100000001", "admin");
        assertEquals(List.of("+6281100000001"), drain(channels, "b"), "b leaves a's preferred prefix to it");
        a.all(LineState.State.DOWN);
        assertEquals(List.of("+6281300000001"), drain(channels, "b"), "with a down, b takes it");
    }

    @Test
    void aChannelThatCouldNotCarryAMessageLeavesItToTheOthersForAWhile() {
        Channels channels = new Channels(List.of(new FakeChannel("a", "a1"), new FakeChannel("b", "b1")), Map.of());
        long id = queued("+6281100000001", "admin");
        assertEquals(id, queue.claim("a", "a1", OffsetDateTime.now(), channels.claimFilter("a")).orElseThrow().id());
        assertTrue(queue.requeue(id, "binary not supported", null, false, "a", OffsetDateTime.now().plusMinutes(1)));
        assertEquals(List.of(), drain(channels, "a"));
        assertEquals(List.of("+6281100000001"), drain(channels, "b"));

        long later = queued("+6281100000002", "admin");
        queue.claim("a", "a1", OffsetDateTime.now(), channels.claimFilter("a")).orElseThrow();
        assertTrue(queue.requeue(later, "refused", null, false, "a", OffsetDateTime.now().minusSeconds(1)));
        assertEquals(List.of("+6281100000002"), drain(channels, "a"), "the pause over, a may try again");
    }
}
