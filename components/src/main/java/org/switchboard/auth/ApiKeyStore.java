package org.switchboard.auth;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/** API keys in SQL: created (the key shown once, its SHA-256 kept), found by key, listed, revoked. */
public final class ApiKeyStore {
    /** Every key starts so, for people (and secret scanners) to recognise one. */
    public static final String PREFIX = "sbk_";
    private static final String COLUMNS = "id, name, role, created_by, created_at, revoked_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    public ApiKeyStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A key just made: the key itself, which is not kept and cannot be shown again, and what is kept. */
    public record CreatedKey(String key, ApiKey info) {
    }

    /**
     * A new key of 256 random bits.
     *
     * @throws IllegalArgumentException for a bad name, or one a key not revoked already has
     */
    public CreatedKey create(String name, Role role, String createdBy) {
        String key = AccountNames.of(name, "API key");
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiKey info = Sql.inTransaction(dataSource, "creating API key " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_key (name, key_sha256, role, created_by)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (name) WHERE revoked_at IS NULL DO NOTHING RETURNING " + COLUMNS)) {
                Sql.bind(ps, key, Digests.sha256Hex(secret), Objects.requireNonNull(role, "role").text(), createdBy);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("there is already an API key " + key
                                + " (revoke it first, or choose another name)");
                    }
                    return apiKey(rs);
                }
            }
        });
        return new CreatedKey(secret, info);
    }

    /** The key not revoked that this is; empty for anything else. */
    public Optional<ApiKey> findLive(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        String digest = Digests.sha256Hex(secret.strip());
        return Sql.inTransaction(dataSource, "looking up an API key", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_key"
                    + " WHERE key_sha256 = ? AND revoked_at IS NULL")) {
                ps.setString(1, digest);
                return Sql.first(ps, ApiKeyStore::apiKey);
            }
        });
    }

    /** Every key, revoked ones too, oldest first. */
    public List<ApiKey> list() {
        return Sql.inTransaction(dataSource, "listing API keys", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_key ORDER BY id")) {
                return Sql.list(ps, ApiKeyStore::apiKey);
            }
        });
    }

    /** Revokes the live key of that name; false when there is none. */
    public boolean revoke(String name) {
        String key = AccountNames.normalise(name);
        if (!AccountNames.valid(key)) {
            return false;
        }
        return Sql.update(dataSource, "revoking API key " + key,
                "UPDATE api_key SET revoked_at = now() WHERE name = ? AND revoked_at IS NULL", key) > 0;
    }

    private static ApiKey apiKey(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getLong("id"), rs.getString("name"), Role.parse(rs.getString("role")),
                rs.getString("created_by"), Sql.time(rs, "created_at"), Sql.time(rs, "revoked_at"));
    }
}
