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
import org.switchboard.channel.smpp.LongForm;
import org.switchboard.channel.smpp.MessageIdBase;
import org.switchboard.channel.smpp.SmppChannelSettings;
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
    void anSmppChannelIsItsBindsWithTheirSettings() throws Exception {
        Map<String, String> keys = new TreeMap<>(Map.of(
                "switchboard.channel.operator.kind", "smpp",
                "switchboard.channel.operator.host", "smsc.example.net",
                "switchboard.channel.operator.port", "2776",
                "switchboard.channel.operator.system-id", "hub",
                "switchboard.channel.operator.password", "secret",
                "switchboard.channel.operator.binds", "2",
                "switchboard.channel.operator.window", "20",
                "switchboard.channel.operator.throughput", "100",
                "switchboard.channel.operator.long-form", "sar",
                "switchboard.channel.operator.allowed-prefix", "+62855"));
        keys.put("switchboard.channel.operator.submit-id-base", "hex");
        keys.put("switchboard.channel.operator.receipt-id-base", "decimal");
        keys.put("switchboard.channel.operator.transceiver", "false");
        keys.put("switchboard.channel.operator.source-addr", "9123");
        List<Definition> defs = definitions(keys);
        assertEquals(List.of("modems", "operator"), defs.stream().map(Definition::id).toList());
        Definition d = defs.get(1);
        assertEquals("smpp", d.kind());
        assertEquals(Map.of(), d.modems());
        assertEquals(List.of("+62855"), d.rules().allowedPrefixes());
        SmppChannelSettings s = d.smpp();
        assertEquals("smsc.example.net", s.host());
        assertEquals(2776, s.port());
        assertEquals("hub", s.systemId());
        assertEquals("secret", s.password());
        assertEquals(2, s.binds());
        assertEquals(20, s.window());
        assertEquals(100, s.throughput());
        assertEquals(LongForm.SAR, s.longForm());
        assertEquals(MessageIdBase.HEX, s.submitIdBase());
        assertEquals(MessageIdBase.DECIMAL, s.receiptIdBase());
        assertEquals(false, s.transceiver());
        assertEquals("9123", s.sourceAddr());
        assertEquals(null, defs.get(0).smpp());
    }

    @Test
    void anSmppChannelsMistakesAreRefusedNamingTheKey() {
        assertRefused("switchboard.channel.op.host", Map.of("switchboard.channel.op.kind", "smpp",
                "switchboard.channel.op.system-id", "hub"));
        assertRefused("switchboard.channel.op.system-id", Map.of("switchboard.channel.op.kind", "smpp",
                "switchboard.channel.op.host", "smsc"));
        assertRefused("switchboard.channel.op.window", Map.of("switchboard.channel.op.kind", "smpp",
                "switchboard.channel.op.host", "smsc", "switchboard.channel.op.system-id", "hub",
                "switchboard.channel.op.window", "0"));
        assertRefused("switchboard.channel.op.modems", Map.of("switchboard.channel.op.kind", "smpp",
                "switchboard.channel.op.host", "smsc", "switchboard.channel.op.system-id", "hub",
                "switchboard.channel.op.modems", "gsm1"));
        assertRefused("switchboard.channel.op.*", Map.of("switchboard.channel.op.kind", "smpp",
                "switchboard.channel.op.host", "smsc", "switchboard.channel.op.system-id", "hub",
                "switchboard.channel.op.long-form", "zip"));
    }

    @Test
    void aModemChannelsEncodingGoesToItsModemsUnlessAModemSaysOtherwise() throws Exception {
        Map<String, String> modems = new TreeMap<>(MODEMS);
        modems.put("gsm2", "host=127.0.0.1&port=7002&nationalLanguages=pt");
        ChannelsConfig config = new SettingsBinder(Settings.of(Map.of(
                "switchboard.channel.turkcell.modems", "gsm1,gsm2",
                "switchboard.channel.turkcell.national-languages", "Turkish, es",
                "switchboard.channel.turkcell.validity-minutes", "1440"))).bind(new ChannelsConfig());
        Definition t = ChannelDefinitions.of(config.channels(), modems).get(1);
        assertEquals("host=127.0.0.1&port=7001&nationalLanguages=tr,es&validityMinutes=1440", t.modems().get("gsm1"));
        assertEquals("host=127.0.0.1&port=7002&nationalLanguages=pt&validityMinutes=1440", t.modems().get("gsm2"));
        assertRefused("switchboard.channel.a.national-languages", Map.of("switchboard.channel.a.modems", "gsm1",
                "switchboard.channel.a.national-languages", "tr,klingon"));
        assertRefused("switchboard.channel.a.validity-minutes", Map.of("switchboard.channel.a.modems", "gsm1",
                "switchboard.channel.a.validity-minutes", "-5"));
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
