package org.switchboard.smpp;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * An application's SMPP account: how it may bind, the source addresses it may submit from (none listed: any), its
 * submit_sm per second over all its binds (0: no limit), and how many binds it may hold at once.
 */
public record SmppAccount(String systemId, Set<BindKind> bindKinds, List<String> allowedSources, int throughput,
        int maxBinds, String createdBy, OffsetDateTime createdAt) {

    public SmppAccount {
        bindKinds = Set.copyOf(bindKinds);
        allowedSources = List.copyOf(allowedSources);
    }

    /**
     * Whether it may submit from {@code source}: listed exactly, or under a listed prefix ending in {@code *}; any
     * when none is listed.
     */
    public boolean allowsSource(String source) {
        if (allowedSources.isEmpty()) {
            return true;
        }
        String s = source == null ? "" : source;
        for (String allowed : allowedSources) {
            if (allowed.endsWith("*") ? s.startsWith(allowed.substring(0, allowed.length() - 1)) : s.equals(allowed)) {
                return true;
            }
        }
        return false;
    }
}
