package org.switchboard.hub.channels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.switchboard.channel.ChannelRules;
import org.switchboard.channel.MessageKind;

/**
 * The channels the configuration asks for: {@code switchboard.channel.NAME.*} keys (kind, the modems of a modem
 * channel, and Kannel-style routing rules), over the modems of {@code switchboard.modem.NAME}. With no channel
 * configured, every modem is in one channel, {@value #DEFAULT_CHANNEL}, that carries anything: the hub as it always
 * was. Modems no configured channel lists go to {@value #DEFAULT_CHANNEL} too.
 */
public final class ChannelDefinitions {
    /** The channel of the modems no other channel takes. */
    public static final String DEFAULT_CHANNEL = "modems";
    static final String PREFIX = "switchboard.channel.";
    private static final Set<String> KEYS = Set.of("kind", "modems", "allowed-prefix", "denied-prefix",
            "preferred-prefix", "accounts", "sources", "lanes", "kinds");

    /** One channel: its id, its kind, the modems of a modem channel (name to {@code modem:} options), its rules. */
    public record Definition(String id, String kind, Map<String, String> modems, ChannelRules rules) {
    }

    private ChannelDefinitions() {
    }

    /**
     * @param channelSettings every {@code switchboard.channel.*} setting, by its whole key
     * @param modems          every modem, by name, with its {@code modem:} options
     * @throws IllegalArgumentException naming the key that is wrong
     */
    public static List<Definition> of(Map<String, String> channelSettings, Map<String, String> modems) {
        Map<String, Map<String, String>> byChannel = new TreeMap<>();
        channelSettings.forEach((key, value) -> {
            String rest = key.substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String property = dot < 0 ? rest : rest.substring(dot + 1);
            if (dot <= 0 || !KEYS.contains(property)) {
                throw new IllegalArgumentException(key + ": not a channel setting; a channel is configured with "
                        + PREFIX + "NAME." + String.join("|", new java.util.TreeSet<>(KEYS)));
            }
            byChannel.computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>()).put(property, value.strip());
        });
        Set<String> unassigned = new LinkedHashSet<>(modems.keySet());
        List<Definition> out = new ArrayList<>();
        Map<String, String> defaultSettings = byChannel.remove(DEFAULT_CHANNEL);
        for (Map.Entry<String, Map<String, String>> c : byChannel.entrySet()) {
            out.add(definition(c.getKey(), c.getValue(), modems, unassigned));
        }
        if (!unassigned.isEmpty() || defaultSettings != null) {
            Map<String, String> settings = defaultSettings != null ? defaultSettings : Map.of();
            if (!settings.containsKey("modems")) {
                settings = new LinkedHashMap<>(settings);
                settings.put("modems", String.join(",", unassigned));
            }
            out.add(0, definition(DEFAULT_CHANNEL, settings, modems, unassigned));
        }
        return out;
    }

    private static Definition definition(String id, Map<String, String> s, Map<String, String> modems,
            Set<String> unassigned) {
        String key = PREFIX + id + ".";
        if (!id.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(key + "*: a channel's name is letters, digits, - and _");
        }
        String kind = s.getOrDefault("kind", "modem").toLowerCase(Locale.ROOT);
        if (!kind.equals("modem")) {
            throw new IllegalArgumentException(key + "kind: " + kind + " is no channel kind this hub has (modem)");
        }
        Map<String, String> own = new LinkedHashMap<>();
        for (String modem : list(s.get("modems"))) {
            if (!modems.containsKey(modem)) {
                throw new IllegalArgumentException(key + "modems: no modem " + modem + " is configured"
                        + " (switchboard.modem." + modem + "=...)");
            }
            if (!unassigned.remove(modem)) {
                throw new IllegalArgumentException(key + "modems: modem " + modem + " is in another channel already");
            }
            own.put(modem, modems.get(modem));
        }
        if (own.isEmpty()) {
            throw new IllegalArgumentException(key + "modems: channel " + id + " has no modem");
        }
        ChannelRules rules;
        try {
            rules = new ChannelRules(list(s.get("allowed-prefix")), list(s.get("denied-prefix")),
                    list(s.get("preferred-prefix")), Set.copyOf(list(s.get("accounts"))),
                    Set.copyOf(list(s.get("sources"))), lanes(list(s.get("lanes"))),
                    Set.copyOf(list(s.get("kinds")).stream().map(MessageKind::of).toList()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "*: " + e.getMessage(), e);
        }
        return new Definition(id, kind, own, rules);
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

    /** A list as Kannel writes one (;) or as the rest of the settings do (,). */
    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[,;]")).map(String::strip)
                .filter(v -> !v.isEmpty()).toList();
    }
}
