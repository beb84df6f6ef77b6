package org.switchboard.channel;

import java.util.List;

/**
 * The rows of outbound_sms a channel may claim now, as SQL over the alias {@code p}: its rules, and not what a channel
 * that prefers it and is up wants. {@code params} bind the placeholders in order: a {@code String[]} or
 * {@code Integer[]} is an SQL array.
 */
public record ClaimFilter(String sql, List<Object> params) {
    public static final ClaimFilter ANY = new ClaimFilter("true", List.of());

    public ClaimFilter {
        params = List.copyOf(params);
    }
}
