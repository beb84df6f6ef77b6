package org.switchboard.hub.channels;

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

    /** One channel: its id, its kind, the modems of a modem channel (name to {@code modem:} options), its rules. */
    public record Definition(String id, String kind, Map<String, String> modems, ChannelRules rules) {
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
        if (!kind.equals("modem")) {
            throw new SettingsException(key + "kind", kind + " is no channel kind this hub has (modem)");
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
            own.put(modem, modems.get(modem));
        }
        if (own.isEmpty()) {
            throw new SettingsException(key + "modems", "channel " + id + " has no modem");
        }
        ChannelRules rules;
        try {
            rules = new ChannelRules(c.allowedPrefix(), c.deniedPrefix(), c.preferredPrefix(), Set.copyOf(c.accounts()),
                    Set.copyOf(c.sources()), lanes(c.lanes()),
                    Set.copyOf(c.kinds().stream().map(ChannelDefinitions::kind).toList()));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(key + "*", e.getMessage());
        }
        return new Definition(id, kind, own, rules);
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
