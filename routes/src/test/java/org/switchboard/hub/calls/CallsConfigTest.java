package org.switchboard.hub.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.switchboard.hub.Hub;
import org.switchboard.hub.config.Settings;
import org.switchboard.hub.config.SettingsException;

/** switchboard.calls.*: the keys bind for both ways, and what cannot work stops the start naming the key. */
class CallsConfigTest {

    private static CallsConfig bind(Map<String, String> keys) throws Exception {
        return (CallsConfig) Hub.settings(Settings.of(keys)).get(CallsConfig.class);
    }

    private static Map<String, String> ami() {
        Map<String, String> keys = new HashMap<>();
        keys.put("switchboard.calls.mode", "ami");
        keys.put("switchboard.calls.ami.host", "pbx.example");
        keys.put("switchboard.calls.ami.port", "5038");
        keys.put("switchboard.calls.ami.user", "switchboard");
        keys.put("switchboard.calls.ami.password", "amp111");
        keys.put("switchboard.calls.ami.context", "from-internal");
        return keys;
    }

    @Test
    void offByDefaultAndTheAmiAndSipKeysBind() throws Exception {
        assertEquals("", bind(Map.of()).getMode());
        CallsConfig ami = bind(ami());
        assertEquals("ami", ami.getMode());
        assertEquals("pbx.example", ami.getAmi().getHost());
        assertEquals("from-internal", ami.getAmi().getContext());
        assertEquals("PJSIP/{agent}", ami.getAmi().getChannel());
        CallsConfig sip = bind(Map.of("switchboard.calls.mode", "SIP", "switchboard.calls.sip.pbx", "10.0.0.5:5060",
                "switchboard.calls.sip.user", "switchboard", "switchboard.calls.sip.password", "x"));
        assertEquals("sip", sip.getMode());
        assertEquals("10.0.0.5:5060", sip.getSip().getPbx());
        assertEquals("sip:{agent}@10.0.0.5:5060", sip.getSip().agentUri());
        assertEquals("sip:{e164}@10.0.0.5:5060", sip.getSip().customerUri());
        assertEquals(25_000, sip.getSip().getCustomerRingMillis());
    }

    @Test
    void whatCannotWorkIsNamed() {
        assertEquals("switchboard.calls.mode", assertThrows(SettingsException.class,
                () -> bind(Map.of("switchboard.calls.mode", "pstn"))).key());
        Map<String, String> noContext = ami();
        noContext.remove("switchboard.calls.ami.context");
        assertEquals("switchboard.calls.ami.context", assertThrows(SettingsException.class, () -> bind(noContext))
                .key());
        Map<String, String> badChannel = ami();
        badChannel.put("switchboard.calls.ami.channel", "PJSIP/1001");
        assertEquals("switchboard.calls.ami.channel", assertThrows(SettingsException.class, () -> bind(badChannel))
                .key());
        assertEquals("switchboard.calls.sip.pbx", assertThrows(SettingsException.class,
                () -> bind(Map.of("switchboard.calls.mode", "sip", "switchboard.calls.sip.pbx", "10.0.0.5",
                        "switchboard.calls.sip.user", "u"))).key());
        assertEquals("switchboard.calls.sip.customer-ring-millis", assertThrows(SettingsException.class,
                () -> bind(Map.of("switchboard.calls.mode", "sip", "switchboard.calls.sip.pbx", "10.0.0.5:5060",
                        "switchboard.calls.sip.user", "u", "switchboard.calls.sip.customer-ring-millis", "31000")))
                .key());
        assertEquals("switchboard.calls.sip.customer-uri", assertThrows(SettingsException.class,
                () -> bind(Map.of("switchboard.calls.mode", "sip", "switchboard.calls.sip.pbx", "10.0.0.5:5060",
                        "switchboard.calls.sip.user", "u", "switchboard.calls.sip.customer-uri", "sip:0@x"))).key());
    }

    @Test
    void theCallBackLinksLiveADayByDefaultAndStartAtThePublicUrl() throws Exception {
        assertEquals(24, bind(ami()).getCallbackLinkHours());
        Map<String, String> keys = ami();
        keys.put("switchboard.calls.callback-link-hours", "0");
        assertEquals("switchboard.calls.callback-link-hours", assertThrows(SettingsException.class, () -> bind(keys))
                .key());
        org.switchboard.hub.http.HttpConfig http = (org.switchboard.hub.http.HttpConfig) Hub.settings(Settings.of(
                Map.of("switchboard.http.port", "9090"))).get(org.switchboard.hub.http.HttpConfig.class);
        assertEquals("http://127.0.0.1:9090", http.publicBaseUrl());
        http = (org.switchboard.hub.http.HttpConfig) Hub.settings(Settings.of(Map.of("switchboard.http.public-url",
                "https://hub.example.org/sb/"))).get(org.switchboard.hub.http.HttpConfig.class);
        assertEquals("https://hub.example.org/sb", http.publicBaseUrl());
        assertEquals("switchboard.http.public-url", assertThrows(SettingsException.class, () -> Hub.settings(
                Settings.of(Map.of("switchboard.http.public-url", "hub.example.org?x=1")))).key());
    }
}
