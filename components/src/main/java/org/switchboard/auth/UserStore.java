package org.switchboard.auth;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.switchboard.store.Sql;

/** Users in SQL: added, listed, their password changed and checked; passwords kept as bcrypt hashes only. */
public final class UserStore {
    /** bcrypt's cost: 2^10 rounds, about 50-100 ms a check here; HTTP callers cache successful checks. */
    public static final int COST = 10;
    /** Fewer characters than this are refused for passwords people choose (the admin's from the environment is not). */
    public static final int MIN_PASSWORD = 8;
    // bcrypt reads at most 72 bytes: a longer password would be cut silently, so it is refused instead.
    private static final int MAX_PASSWORD_BYTES = 72;
    private static final String COLUMNS = "name, role, created_at, password_changed_at";

    private final DataSource dataSource;
    // checked against when the user does not exist, so that an unknown name takes as long as a wrong password
    private final String decoy = BCrypt.withDefaults().hashToString(COST, "no such user".toCharArray());

    public UserStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * A new user.
     *
     * @throws IllegalArgumentException for a bad name or password, or when the name is taken
     */
    public User add(String name, Role role, String password) {
        String key = AccountNames.of(name, "user");
        String hash = hash(checkedNewPassword(password));
        return Sql.inTransaction(dataSource, "adding user " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (name, role, password_hash)"
                    + " VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING " + COLUMNS)) {
                Sql.bind(ps, key, Objects.requireNonNull(role, "role").text(), hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("there is already a user " + key);
                    }
                    return user(rs);
                }
            }
        });
    }

    /**
     * Sets a user's password; false when there is no such user.
     *
     * @throws IllegalArgumentException for a password that is too short or too long
     */
    public boolean setPassword(String name, String password) {
        String hash = hash(checkedNewPassword(password));
        return updatePassword(AccountNames.normalise(name), hash);
    }

    /**
     * Makes sure the user exists with this role and password, as the hub does at start for {@code admin} with the
     * password from its environment or file: created if missing, its password and role set when they differ. The
     * password is not held to {@link #MIN_PASSWORD}: it is the operator's, from outside.
     */
    public User ensure(String name, Role role, String password) {
        String key = AccountNames.of(name, "user");
        checkLength(password);
        Optional<String> stored = passwordHash(key);
        if (stored.isEmpty()) {
            String hash = hash(password);
            Sql.update(dataSource, "adding user " + key, "INSERT INTO app_user (name, role, password_hash)"
                    + " VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING", key, role.text(), hash);
        } else if (!BCrypt.verifyer().verify(password.toCharArray(), stored.get()).verified) {
            updatePassword(key, hash(password));
        }
        Sql.update(dataSource, "setting the role of " + key,
                "UPDATE app_user SET role = ? WHERE name = ? AND role <> ?", role.text(), key, role.text());
        return find(key).orElseThrow();
    }

    /** The user when the password is theirs; empty for a wrong password or an unknown user (both as slow). */
    public Optional<User> check(String name, String password) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.empty();
        }
        String key = AccountNames.normalise(name);
        Optional<String> stored = AccountNames.valid(key) ? passwordHash(key) : Optional.empty();
        boolean verified = BCrypt.verifyer().verify(password.toCharArray(), stored.orElse(decoy)).verified;
        return verified && stored.isPresent() ? find(key) : Optional.empty();
    }

    public Optional<User> find(String name) {
        String key = AccountNames.normalise(name);
        if (!AccountNames.valid(key)) {
            return Optional.empty();
        }
        return Sql.inTransaction(dataSource, "reading user " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM app_user WHERE name = ?")) {
                ps.setString(1, key);
                return Sql.first(ps, UserStore::user);
            }
        });
    }

    /** Every user, by name. */
    public List<User> list() {
        return Sql.inTransaction(dataSource, "listing users", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM app_user ORDER BY name")) {
                return Sql.list(ps, UserStore::user);
            }
        });
    }

    /** @throws IllegalArgumentException when a password someone chooses is too short or too long for bcrypt */
    public static String checkedNewPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD + " characters");
        }
        checkLength(password);
        return password;
    }

    private static void checkLength(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("the password is longer than bcrypt's " + MAX_PASSWORD_BYTES
                    + " bytes (UTF-8): choose a shorter one");
        }
    }

    private static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    private boolean updatePassword(String key, String hash) {
        if (!AccountNames.valid(key)) {
            return false;
        }
        return Sql.update(dataSource, "changing the password of " + key,
                "UPDATE app_user SET password_hash = ?, password_changed_at = now() WHERE name = ?", hash, key) > 0;
    }

    private Optional<String> passwordHash(String key) {
        return Sql.inTransaction(dataSource, "reading user " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM app_user WHERE name = ?")) {
                ps.setString(1, key);
                return Sql.first(ps, rs -> rs.getString(1));
            }
        });
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString("name"), Role.parse(rs.getString("role")), Sql.time(rs, "created_at"),
                Sql.time(rs, "password_changed_at"));
    }
}
