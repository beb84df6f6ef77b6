package org.switchboard.it;

import java.util.LinkedHashMap;
import java.util.Map;

import org.switchboard.calls.ami.ScriptedAmiServer;

/**
 * The hub's click-to-call settings against a {@link ScriptedAmiServer} made with manager user {@code switchboard} and
 * secret {@code amp111}, as the call tests make it.
 */
final class ScriptedPbxSettings {
    static final String USER = "switchboard";
    static final String SECRET = "amp111";

    private ScriptedPbxSettings() {
    }

    /** {@code switchboard.calls.*} for the AMI way to {@code pbx}, then {@code more} (key, value, key, value ...). */
    static Map<String, String> ami(ScriptedAmiServer pbx, String... more) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("switchboard.calls.mode", "ami");
        s.put("switchboard.calls.ami.host", "127.0.0.1");
        s.put("switchboard.calls.ami.port", String.valueOf(pbx.port()));
        s.put("switchboard.calls.ami.user", USER);
        s.put("switchboard.calls.ami.password", SECRET);
        s.put("switchboard.calls.ami.context", "from-internal");
        for (int i = 0; i + 1 < more.length; i += 2) {
            s.put(more[i], more[i + 1]);
        }
        return s;
    }
}
