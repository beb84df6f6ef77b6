package org.switchboard.hub.channels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.switchboard.channel.ChannelRules;
import org.switchboard.channel.MessageKind;
import org.switchboard.channel.modem.ModemOptions;
import org.switchboard.channel.smpp.LongForm;
import org.switchboard.channel.smpp.MessageIdBase;
import org.switchboard.channel.smpp.SmppChannelSettings;
import org.switchboard.hub.config.SettingsException;

/**
 * The channels the configuration asks for: {@code switchboard.channel.NAME.*} (kind, the modems of a modem channel,
 * and Kannel-style routing rules), over the modems of {@code switchboard.modem.NAME}. With no channel configured, every
 * modem is in one channel, {@value #DEFAULT_CHANNEL}, that carries anything: the hub as it always was. Modems no
 * configured channel lists go to {@value #DEFAULT_CHANNEL} too.
 */
public final class ChannelDefinitions {
    /** The channel of the modems no other channel takes. */
    public static final String DEFAULT_CHANNEL = "modems";
    private static final String PREFIX = "switchboard.channel.";

    /**
     * One channel: its id, its kind, the modems of a modem channel (name to {@code modem:} options), the binds of an
     * smpp channel (null for another kind), its rules.
     */
    public record Definition(String id, String kind, Map<String, String> modems, SmppChannelSettings smpp,
            ChannelRules rules) {
    }

    private ChannelDefinitions() {
    }

    /**
     * @param channels the configured channels by name
     * @param modems   every modem, by name, with its {@code modem:} options
     * @throws SettingsException naming the key that is wrong
     */
    public static List<Definition> of(Map<String, ChannelsConfig.Channel> channels, Map<String, String> modems) {
        Set<String> unassigned = new LinkedHashSet<>(modems.keySet());
        Map<String, ChannelsConfig.Channel> configured = new TreeMap<>(channels);
        ChannelsConfig.Channel defaults = configured.remove(DEFAULT_CHANNEL);
        List<Definition> out = new ArrayList<>();
        for (Map.Entry<String, ChannelsConfig.Channel> c : configured.entrySet()) {
            out.add(definition(c.getKey(), c.getValue(), c.getValue().modems(), modems, unassigned));
        }
        if (!unassigned.isEmpty() || defaults != null) {
            ChannelsConfig.Channel d = defaults != null ? defaults : new ChannelsConfig.Channel();
            List<String> own = d.modems().isEmpty() ? List.copyOf(unassigned) : d.modems();
            out.add(0, definition(DEFAULT_CHANNEL, d, own, modems, unassigned));
        }
        return out;
    }

    private static Definition definition(String id, ChannelsConfig.Channel c, List<String> listed,
            Map<String, String> modems, Set<String> unassigned) {
        String key = PREFIX + id + ".";
        if (!id.matches("[A-Za-z0-9_-]+")) {
            throw new SettingsException(key + "*", "a channel's name is letters, digits, - and _");
        }
        String kind = c.getKind().toLowerCase(Locale.ROOT);
        if (!kind.equals("modem") && !kind.equals("smpp")) {
            throw new SettingsException(key + "kind", kind + " is no channel kind this hub has (modem, smpp)");
        }
        ChannelRules rules = rules(key, c);
        if (kind.equals("smpp")) {
            if (!listed.isEmpty()) {
                throw new SettingsException(key + "modems", "an smpp channel has no modems");
            }
            if (!c.getNationalLanguages().isEmpty()) {
                throw new SettingsException(key + "national-languages", "a modem channel's setting: an smpp channel's"
                        + " SMSC chooses the encoding");
            }
            return new Definition(id, kind, Map.of(), smpp(key, c), rules);
        }
        Map<String, String> own = new LinkedHashMap<>();
        for (String modem : listed) {
            if (!modems.containsKey(modem)) {
                throw new SettingsException(key + "modems", "no modem " + modem + " is configured (switchboard.modem."
                        + modem + "=...)");
            }
            if (!unassigned.remove(modem)) {
                throw new SettingsException(key + "modems", "modem " + modem + " is in another channel already");
            }
            own.put(modem, encoding(key, c, modems.get(modem)));
        }
        if (own.isEmpty()) {
            throw new SettingsException(key + "modems", "channel " + id + " has no modem");
        }
        return new Definition(id, kind, own, null, rules);
    }

    /**
     * A modem's {@code modem:} options with the channel's national languages and validity period added, where the
     * modem's own options do not set them.
     */
    private static String encoding(String key, ChannelsConfig.Channel c, String options) {
        try {
            ModemOptions.checkLanguages(c.getNationalLanguages());
        } catch (IllegalArgumentException e) {
            throw new SettingsException(key + "national-languages", e.getMessage());
        }
        if (c.getValidityMinutes() < 0) {
            throw new SettingsException(key + "validity-minutes", "0 (the SMSC's default) or more minutes: "
                    + c.getValidityMinutes());
        }
        return ModemOptions.withEncoding(options, c.getNationalLanguages(), c.getValidityMinutes());
    }

    private static ChannelRules rules(String key, ChannelsConfig.Channel c) {
        try {
            return new ChannelRules(c.allowedPrefix(), c.deniedPrefix(), c.preferredPrefix(), Set.copyOf(c.accounts()),
                    Set.copyOf(c.sources()), lanes(c.lanes()),
                    Set.copyOf(c.kinds().stream().map(ChannelDefinitions::kind).toList()));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(key + "*", e.getMessage());
        }
    }

    /** An smpp channel's binds, each key checked. */
    private static SmppChannelSettings smpp(String key, ChannelsConfig.Channel c) {
        if (c.getHost().isEmpty()) {
            throw new SettingsException(key + "host", "an smpp channel needs its SMSC's host");
        }
        if (c.getPort() < 1 || c.getPort() > 65535) {
            throw new SettingsException(key + "port", "not a port (1 to 65535): " + c.getPort());
        }
        if (c.getSystemId().isEmpty()) {
            throw new SettingsException(key + "system-id", "an smpp channel needs the system_id it binds as");
        }
        if (c.getBinds() < 1 || c.getBinds() > 32) {
            throw new SettingsException(key + "binds", "1 to 32 binds: " + c.getBinds());
        }
        if (c.getWindow() < 1 || c.getWindow() > 500) {
            throw new SettingsException(key + "window", "1 to 500 submit_sm outstanding per bind: " + c.getWindow());
        }
        if (c.getThroughput() < 0) {
            throw new SettingsException(key + "throughput", "0 (no limit) or more a second: " + c.getThroughput());
        }
        for (long millis : new long[] { c.getEnquireLinkMillis(), c.getResponseTimeoutMillis(),
            c.getReconnectMinMillis() }) {
            if (millis < 1) {
                throw new SettingsException(key + "*-millis", "a time must be at least 1 ms");
            }
        }
        if (c.getReconnectMaxMillis() < c.getReconnectMinMillis()) {
            throw new SettingsException(key + "reconnect-max-millis", "less than reconnect-min-millis");
        }
        try {
            return new SmppChannelSettings(c.getHost(), c.getPort(), c.getSystemId(), c.getPassword(),
                    c.getSystemType(), c.getAddressRange(), c.isTransceiver(), c.getBinds(), c.getWindow(),
                    c.getThroughput(), c.getSourceAddr(), LongForm.parse(c.getLongForm()), c.isLatin1(),
                    MessageIdBase.parse(c.getSubmitIdBase()), MessageIdBase.parse(c.getReceiptIdBase()),
                    Duration.ofMillis(c.getEnquireLinkMillis()), Duration.ofMillis(c.getResponseTimeoutMillis()),
                    Duration.ofMillis(c.getReconnectMinMillis()), Duration.ofMillis(c.getReconnectMaxMillis()));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(key + "*", e.getMessage());
        }
    }

    private static MessageKind kind(String kind) {
        try {
            return MessageKind.of(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kinds: " + kind + " is no message kind (text or binary)", e);
        }
    }

    /** Lanes by number (0, 1) or name ({@code single}, {@code broadcast}). */
    private static Set<Integer> lanes(List<String> given) {
        Set<Integer> out = new LinkedHashSet<>();
        for (String lane : given) {
            out.add(switch (lane.toLowerCase(Locale.ROOT)) {
                case "0", "single" -> 0;
                case "1", "broadcast" -> 1;
                default -> throw new IllegalArgumentException("lanes: " + lane + " is no lane (single or broadcast)");
            });
        }
        return out;
    }
}
