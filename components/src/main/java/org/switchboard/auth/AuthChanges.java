package org.switchboard.auth;

import java.sql.PreparedStatement;
import java.util.Objects;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/**
 * How many times who may sign in has changed (a password or role changed, a key revoked, a user or key removed), as
 * V20's triggers count it in auth_change in the same transaction as the change. A node that caches verified passwords
 * and keys reads it now and then, and forgets them when it moved: a change made on another node or by the CLI then
 * holds on this one too.
 */
public final class AuthChanges {
    private final DataSource dataSource;

    public AuthChanges(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The count now; it only grows. */
    public long count() {
        return Sql.inTransaction(dataSource, "reading the count of sign-in changes", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT changes FROM auth_change")) {
                return Sql.first(ps, rs -> rs.getLong("changes")).orElse(0L);
            }
        });
    }
}
