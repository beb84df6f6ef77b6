package org.switchboard.hub.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.switchboard.channel.ChannelRules;
import org.switchboard.channel.MessageKind;
import org.switchboard.hub.channels.ChannelDefinitions.Definition;
import org.switchboard.hub.config.Settings;
import org.switchboard.hub.config.SettingsBinder;
import org.switchboard.hub.config.SettingsException;

/** The channels the {@code switchboard.channel.*} keys ask for, as the typed settings bind them. */
class ChannelDefinitionsTest {
    private static final Map<String, String> MODEMS = new TreeMap<>(Map.of("gsm1", "host=127.0.0.1&port=7001",
            "gsm2", "host=127.0.0.1&port=7002", "gsm3", "device=/dev/ttyUSB0"));

    private static List<Definition> definitions(Map<String, String> keys) throws Exception {
        ChannelsConfig config = new SettingsBinder(Settings.of(keys)).bind(new ChannelsConfig());
        return ChannelDefinitions.of(config.channels(), MODEMS);
    }

    @Test
    void withNoChannelEveryModemIsInOneChannelThatCarriesAnything() throws Exception {
        List<Definition> defs = definitions(Map.of());
        assertEquals(1, defs.size());
        assertEquals("modems", defs.get(0).id());
        assertEquals(MODEMS, defs.get(0).modems());
        assertEquals(ChannelRules.ANY, defs.get(0).rules());
    }

    @Test
    void channelsTakeTheirModemsAndRulesAndTheRestStayInTheDefault() throws Exception {
        List<Definition> defs = definitions(Map.of(
                "switchboard.channel.telkomsel.modems", "gsm1; gsm2",
                "switchboard.channel.telkomsel.allowed-prefix", "+62811;+62812",
                "switchboard.channel.telkomsel.lanes", "single",
                "switchboard.channel.telkomsel.kinds", "text",
                "switchboard.channel.telkomsel.accounts", "bank,poll"));
        assertEquals(List.of("modems", "telkomsel"), defs.stream().map(Definition::id).toList());
        assertEquals(Map.of("gsm3", "device=/dev/ttyUSB0"), defs.get(0).modems());
        Definition t = defs.get(1);
        assertEquals(List.of("gsm1", "gsm2"), List.copyOf(t.modems().keySet()));
        assertEquals(List.of("+62811", "+62812"), t.rules().allowedPrefixes());
        assertEquals(Set.of(0), t.rules().lanes());
        assertEquals(Set.of(MessageKind.TEXT), t.rules().kinds());
        assertEquals(Set.of("bank", "poll"), t.rules().accounts());
    }

    @Test
    void mistakesAreRefusedNamingTheKey() {
        assertRefused("switchboard.channel.a.modems", Map.of("switchboard.channel.a.modems", "gsm9"));
        assertRefused("switchboard.channel.b.modems", Map.of("switchboard.channel.a.modems", "gsm1",
                "switchboard.channel.b.modems", "gsm1"));
        assertRefused("switchboard.channel.a.kind", Map.of("switchboard.channel.a.modems", "gsm1",
                "switchboard.channel.a.kind", "carrier-pigeon"));
        assertRefused("switchboard.channel.a.*", Map.of("switchboard.channel.a.modems", "gsm1",
                "switchboard.channel.a.allowed-prefix", "0811"));
        assertRefused("switchboard.channel.a.*", Map.of("switchboard.channel.a.modems", "gsm1",
                "switchboard.channel.a.lanes", "urgent"));
    }

    private static void assertRefused(String key, Map<String, String> settings) {
        SettingsException e = assertThrows(SettingsException.class, () -> definitions(settings));
        assertEquals(key, e.key(), e.getMessage());
    }
}
