package org.switchboard.hub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.hub.Hub;
import org.switchboard.hub.channels.ChannelsConfig;
import org.switchboard.hub.mail.MailConfig;
import org.switchboard.hub.voicemail.VoicemailConfig;

/**
 * The settings' public contract: every key can come from the environment (the named ones too), a renamed key keeps
 * working with a warning, and a key no area knows or a value that does not fit stops the start with the key's name.
 */
class SettingsTest {
    @TempDir
    Path dir;

    private Settings load(Map<String, String> env) throws Exception {
        Path file = dir.resolve("none.properties");
        java.util.HashMap<String, String> withConfig = new java.util.HashMap<>(env);
        withConfig.put("SWITCHBOARD_CONFIG", file.toString());
        return Settings.load(withConfig);
    }

    @Test
    void everyKeyComesFromTheEnvironmentTheNamedOnesToo() throws Exception {
        Settings s = load(Map.of(
                "SWITCHBOARD_DB_URL", "jdbc:postgresql://db:5432/hub",
                "SWITCHBOARD_DB_EMBEDDED_DIR", "/var/lib/switchboard/pg",
                "SWITCHBOARD_MODEM_GSM1", "device=/dev/ttyUSB0&baudRate=115200",
                "SWITCHBOARD_CHANNEL_TELKOMSEL_MODEMS", "gsm1",
                "SWITCHBOARD_CHANNEL_TELKOMSEL_ALLOWED_PREFIX", "+62811;+62812",
                "SWITCHBOARD_VOICEMAIL_MAILBOX_2002", "budi@example.org",
                "PATH", "/usr/bin"));
        assertEquals("jdbc:postgresql://db:5432/hub", s.get("switchboard.db.url"));
        assertEquals("/var/lib/switchboard/pg", s.get("switchboard.db.embedded-dir"));
        assertEquals("device=/dev/ttyUSB0&baudRate=115200", s.get("switchboard.modem.gsm1"));
        assertEquals("gsm1", s.get("switchboard.channel.telkomsel.modems"));
        assertEquals("+62811;+62812", s.get("switchboard.channel.telkomsel.allowed-prefix"));
        assertEquals("budi@example.org", s.get("switchboard.voicemail.mailbox.2002"));
        assertTrue(s.warnings().isEmpty(), s.warnings()::toString);

        SettingsBinder binder = new SettingsBinder(s);
        ChannelsConfig channels = binder.bind(new ChannelsConfig());
        assertEquals(Map.of("gsm1", "device=/dev/ttyUSB0&baudRate=115200"), channels.modems());
        assertEquals(java.util.List.of("+62811", "+62812"), channels.channels().get("telkomsel").allowedPrefix());
        VoicemailConfig voicemail = binder.bind(new VoicemailConfig());
        assertEquals("budi@example.org", voicemail.getVoicemail().getMailbox().get("2002"));
    }

    @Test
    void anSmppChannelsKeysComeFromTheEnvironment() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "SWITCHBOARD_CHANNEL_OPERATOR_KIND", "smpp",
                "SWITCHBOARD_CHANNEL_OPERATOR_HOST", "smsc.example.net",
                "SWITCHBOARD_CHANNEL_OPERATOR_PORT", "2776",
                "SWITCHBOARD_CHANNEL_OPERATOR_SYSTEM_ID", "hub",
                "SWITCHBOARD_CHANNEL_OPERATOR_PASSWORD", "secret",
                "SWITCHBOARD_CHANNEL_OPERATOR_WINDOW", "20",
                "SWITCHBOARD_CHANNEL_OPERATOR_SOURCE_ADDR", "9123",
                "SWITCHBOARD_CHANNEL_OPERATOR_RECONNECT_MAX_MILLIS", "30000",
                "SWITCHBOARD_CHANNEL_OPERATOR_RECEIPT_ID_BASE", "hex"));
        Settings s = load(env);
        assertTrue(s.warnings().isEmpty(), s.warnings()::toString);
        ChannelsConfig.Channel c = new SettingsBinder(s).bind(new ChannelsConfig()).channels().get("operator");
        assertEquals("smsc.example.net", c.getHost());
        assertEquals(2776, c.getPort());
        assertEquals("hub", c.getSystemId());
        assertEquals("secret", c.getPassword());
        assertEquals(20, c.getWindow());
        assertEquals("9123", c.getSourceAddr());
        assertEquals(30_000, c.getReconnectMaxMillis());
        assertEquals("hex", c.getReceiptIdBase());
    }

    @Test
    void anEnvironmentVariableThatNamesNoSettingIsWarnedAbout() throws Exception {
        Settings s = load(Map.of("SWITCHBOARD_SMTP_PROT", "25", "SWITCHBOARD_REQUIRE_TOOLS", "1"));
        assertEquals(1, s.warnings().size(), s.warnings()::toString);
        assertTrue(s.warnings().get(0).contains("SWITCHBOARD_SMTP_PROT"), s.warnings()::toString);
    }

    @Test
    void aRenamedKeyStillWorksWithAWarning() throws Exception {
        Files.writeString(dir.resolve("old.properties"), "switchboard.dispatch.modem-pause-millis=250\n");
        Settings s = Settings.load(Map.of("SWITCHBOARD_CONFIG", dir.resolve("old.properties").toString()));
        assertEquals("250", s.get("switchboard.dispatch.line-pause-millis"));
        assertTrue(s.warnings().get(0).contains("switchboard.dispatch.line-pause-millis"), s.warnings()::toString);
        assertEquals(250, new SettingsBinder(s).bind(new ChannelsConfig()).getDispatch().getLinePauseMillis());
        Settings env = load(Map.of("SWITCHBOARD_DISPATCH_MODEM_PAUSE_MAX_MILLIS", "4000"));
        assertEquals("4000", env.get("switchboard.dispatch.line-pause-max-millis"));
    }

    @Test
    void theDefaultsBindWithoutAnUnknownKey() throws Exception {
        var sections = Hub.settings(Settings.of(Map.of()));
        assertEquals(3025, ((MailConfig) sections.get(MailConfig.class)).getSmtp().getPort());
        assertEquals("Asia/Jakarta", ((HubConfig) sections.get(HubConfig.class)).getZone());
    }

    @Test
    void anUnknownKeyStopsTheStartNamingItAndTheKeyItResembles() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> Hub.settings(Settings.of(Map.of("switchboard.smtp.prot", "25"))));
        assertEquals("switchboard.smtp.prot", e.key());
        assertTrue(e.getMessage().contains("did you mean switchboard.smtp.port?"), e.getMessage());
    }

    @Test
    void aValueThatDoesNotFitStopsTheStartNamingTheKey() {
        SettingsException notANumber = assertThrows(SettingsException.class,
                () -> Hub.settings(Settings.of(Map.of("switchboard.smtp.port", "twenty-five"))));
        assertEquals("switchboard.smtp.port", notANumber.key());
        SettingsException noPort = assertThrows(SettingsException.class,
                () -> Hub.settings(Settings.of(Map.of("switchboard.http.port", "70000"))));
        assertEquals("switchboard.http.port", noPort.key());
        SettingsException zone = assertThrows(SettingsException.class,
                () -> Hub.settings(Settings.of(Map.of("switchboard.zone", "Jakarta"))));
        assertEquals("switchboard.zone", zone.key());
        SettingsException channel = assertThrows(SettingsException.class,
                () -> Hub.settings(Settings.of(Map.of("switchboard.channel.a.allowed-prefixes", "+62"))));
        assertEquals("switchboard.channel.a.allowed-prefixes", channel.key());
    }
}
