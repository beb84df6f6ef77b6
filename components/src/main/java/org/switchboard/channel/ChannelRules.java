package org.switchboard.channel;

import java.util.List;
import java.util.Set;

/**
 * Which messages a channel may carry, as Kannel's {@code allowed-prefix}, {@code denied-prefix} and
 * {@code preferred-prefix} and Jasmin's routers say it: by the recipient's E.164 prefix, the account that asked for the
 * message ({@code requested_by}: a staff address, an API user), its source (email-reply, api, broadcast, kannel ...),
 * its lane (0 single SMS, 1 broadcasts) and its kind. An empty list or set allows everything. A message whose
 * recipient matches a {@code preferred} prefix goes to this channel while it is up, even where others allow it too.
 */
public record ChannelRules(List<String> allowedPrefixes, List<String> deniedPrefixes, List<String> preferredPrefixes,
        Set<String> accounts, Set<String> sources, Set<Integer> lanes, Set<MessageKind> kinds) {

    /** No rule: the channel carries anything. */
    public static final ChannelRules ANY = new ChannelRules(List.of(), List.of(), List.of(), Set.of(), Set.of(), Set.of(),
            Set.of());

    public ChannelRules {
        allowedPrefixes = prefixes(allowedPrefixes);
        deniedPrefixes = prefixes(deniedPrefixes);
        preferredPrefixes = prefixes(preferredPrefixes);
        accounts = Set.copyOf(accounts);
        sources = Set.copyOf(sources);
        lanes = Set.copyOf(lanes);
        kinds = Set.copyOf(kinds);
    }

    /** Whether this channel may carry {@code message}. */
    public boolean allows(RoutedMessage message) {
        return (allowedPrefixes.isEmpty() || matches(allowedPrefixes, message.recipient()))
                && !matches(deniedPrefixes, message.recipient())
                && (accounts.isEmpty() || accounts.contains(message.account()))
                && (sources.isEmpty() || sources.contains(message.source()))
                && (lanes.isEmpty() || lanes.contains(message.lane()))
                && (kinds.isEmpty() || kinds.contains(message.kind()));
    }

    /** Whether this channel wants messages to {@code recipient} before any other that allows them. */
    boolean prefers(String recipient) {
        return matches(preferredPrefixes, recipient);
    }

    static boolean matches(List<String> prefixes, String recipient) {
        for (String p : prefixes) {
            if (recipient != null && recipient.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A prefix of an E.164 number: {@code +62811}; the {@code +} may be left out ({@code 62811}), but a national {@code 0811} is not one. Anything else is
     * refused, so that a typo cannot silently route nothing.
     */
    static List<String> prefixes(List<String> given) {
        return given.stream().map(String::strip).filter(p -> !p.isEmpty()).map(p -> {
            String e164 = p.startsWith("+") ? p : "+" + p;
            if (!e164.matches("\\+[1-9][0-9]{0,14}")) {
                throw new IllegalArgumentException("not an E.164 prefix (a + and digits): " + p);
            }
            return e164;
        }).toList();
    }

    /** A message as routing sees it. */
    public record RoutedMessage(String recipient, String account, String source, int lane, MessageKind kind) {
    }
}
