package org.switchboard.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.switchboard.channel.ChannelRules.RoutedMessage;

class ChannelRulesTest {
    private static RoutedMessage to(String recipient) {
        return new RoutedMessage(recipient, "admin", "api", 0, MessageKind.TEXT);
    }

    @Test
    void prefixesAllowDenyAndPrefer() {
        ChannelRules rules = new ChannelRules(List.of("+62811", "62812"), List.of("+628119"), List.of("+628111"),
                Set.of(), Set.of(), Set.of(), Set.of());
        assertTrue(rules.allows(to("+6281100000001")));
        assertTrue(rules.allows(to("+6281200000001")), "the + may be left out of a prefix");
        assertFalse(rules.allows(to("+6281300000001")));
        assertFalse(rules.allows(to("+6281190000001")), "denied inside an allowed prefix");
        assertTrue(rules.prefers("+6281110000001"));
        assertFalse(rules.prefers("+6281200000001"));
        assertTrue(ChannelRules.ANY.allows(to("+15551234567")));
    }

    @Test
    void accountsSourcesLanesAndKindsNarrowTheChannel() {
        ChannelRules rules = new ChannelRules(List.of(), List.of(), List.of(), Set.of("bank"), Set.of("api"), Set.of(0),
                Set.of(MessageKind.TEXT));
        assertTrue(rules.allows(new RoutedMessage("+6281", "bank", "api", 0, MessageKind.TEXT)));
        assertFalse(rules.allows(new RoutedMessage("+6281", "admin", "api", 0, MessageKind.TEXT)));
        assertFalse(rules.allows(new RoutedMessage("+6281", "bank", "broadcast", 0, MessageKind.TEXT)));
        assertFalse(rules.allows(new RoutedMessage("+6281", "bank", "api", 1, MessageKind.TEXT)));
        assertFalse(rules.allows(new RoutedMessage("+6281", "bank", "api", 0, MessageKind.BINARY)));
    }

    @Test
    void aPrefixThatIsNoNumberIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChannelRules(
                List.of("+62-811"), List.of(), List.of(), Set.of(), Set.of(), Set.of(), Set.of()));
        assertTrue(e.getMessage().contains("+62-811"), e.getMessage());
    }

    @Test
    void theChannelsAllowedForAMessageAndTheirPartCounts() {
        FakeChannel a = new FakeChannel("a", "a1");
        FakeChannel b = new FakeChannel("b", "b1");
        Channels channels = new Channels(List.of(a, b), Map.of("a", new ChannelRules(List.of("+62811"), List.of(),
                List.of(), Set.of(), Set.of(), Set.of(), Set.of())));
        assertEquals(List.of(a, b), channels.allowed(to("+6281100000001")));
        assertEquals(List.of(b), channels.allowed(to("+6281200000001")));
        assertEquals(2, channels.parts("+6281200000001", "x".repeat(200)));
        assertEquals(b, channels.ofLine("b1").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> new Channels(List.of(a, new FakeChannel("c", "a1")), Map.of()),
                "a line belongs to one channel");
        assertThrows(IllegalArgumentException.class, () -> new Channels(List.of(a), Map.of("nope", ChannelRules.ANY)));
    }

    @Test
    void readyLinesAndTheirPaceForAnEstimate() {
        FakeChannel a = new FakeChannel("a", "a1", "a2").all(LineState.State.STARTING);
        Channels channels = new Channels(List.of(a), Map.of());
        assertEquals(2, channels.readyLines(), "all lines while they all come up");
        a.all(LineState.State.DOWN);
        assertEquals(0, channels.readyLines());
        a.all(LineState.State.READY);
        assertEquals(2, channels.readyLines());
        assertEquals(1.0, channels.secondsPerPart());
        assertEquals(2.0, channels.capacity());
    }
}
