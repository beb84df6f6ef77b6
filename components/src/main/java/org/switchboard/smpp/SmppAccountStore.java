package org.switchboard.smpp;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.switchboard.store.Sql;

/** Applications' SMPP accounts in SQL: created, listed, removed, and their bind's password checked (bcrypt). */
public final class SmppAccountStore {
    /** SMPP 3.4 5.2.1: system_id is a C-Octet String of at most 16 octets, its NUL included. */
    private static final Pattern SYSTEM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,14}");
    /** SMPP 3.4 5.2.2: the password is at most 9 octets, its NUL included. */
    public static final int MAX_PASSWORD = 8;
    private static final int COST = 10;
    private static final String COLUMNS = "system_id, bind_types, allowed_sources, throughput, max_binds, created_by,"
            + " created_at";

    /** What a bind's credentials come to. */
    public sealed interface Check {
    }

    public record Accepted(SmppAccount account) implements Check {
    }

    public record UnknownSystemId() implements Check {
    }

    public record WrongPassword() implements Check {
    }

    private final DataSource dataSource;

    public SmppAccountStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Creates an account.
     *
     * @throws IllegalArgumentException for a system_id or password SMPP cannot carry, a bad limit, or a taken system_id
     */
    public SmppAccount add(NewSmppAccount a, String createdBy) {
        String systemId = checkedSystemId(a.systemId());
        String hash = BCrypt.withDefaults().hashToString(COST, checkedPassword(a.password()).toCharArray());
        if (a.bindKinds().isEmpty()) {
            throw new IllegalArgumentException("an account must be allowed at least one bind type");
        }
        if (a.throughput() < 0) {
            throw new IllegalArgumentException("throughput must be 0 (no limit) or more");
        }
        if (a.maxBinds() < 1) {
            throw new IllegalArgumentException("max binds must be at least 1");
        }
        for (String s : a.allowedSources()) {
            if (s.isBlank() || s.length() > 21) {
                throw new IllegalArgumentException("bad source address '" + s + "': 1 to 21 characters");
            }
        }
        String[] kinds = a.bindKinds().stream().sorted().map(BindKind::text).toArray(String[]::new);
        return Sql.inTransaction(dataSource, "adding SMPP account " + systemId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO smpp_account (system_id, password_hash,"
                    + " bind_types, allowed_sources, throughput, max_binds, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (system_id) DO NOTHING RETURNING " + COLUMNS)) {
                ps.setString(1, systemId);
                ps.setString(2, hash);
                ps.setArray(3, c.createArrayOf("text", kinds));
                ps.setArray(4, c.createArrayOf("text", a.allowedSources().toArray()));
                ps.setInt(5, a.throughput());
                ps.setInt(6, a.maxBinds());
                ps.setString(7, createdBy);
                return Sql.first(ps, SmppAccountStore::account)
                        .orElseThrow(() -> new IllegalArgumentException("there is already an SMPP account " + systemId));
            }
        });
    }

    /** Sets an account's password; false when there is no such account. */
    public boolean setPassword(String systemId, String password) {
        String hash = BCrypt.withDefaults().hashToString(COST, checkedPassword(password).toCharArray());
        return Sql.update(dataSource, "setting the password of SMPP account " + systemId,
                "UPDATE smpp_account SET password_hash = ? WHERE system_id = ?", hash, systemId) == 1;
    }

    /** Removes an account (what it submitted stays); false when there is none. */
    public boolean remove(String systemId) {
        return Sql.update(dataSource, "removing SMPP account " + systemId,
                "DELETE FROM smpp_account WHERE system_id = ?", systemId) == 1;
    }

    public Optional<SmppAccount> find(String systemId) {
        return Sql.inTransaction(dataSource, "reading SMPP account " + systemId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM smpp_account WHERE system_id = ?")) {
                ps.setString(1, systemId);
                return Sql.first(ps, SmppAccountStore::account);
            }
        });
    }

    /** Every account, by system_id. */
    public List<SmppAccount> list() {
        return Sql.inTransaction(dataSource, "listing SMPP accounts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM smpp_account ORDER BY system_id")) {
                return Sql.list(ps, SmppAccountStore::account);
            }
        });
    }

    /** A bind's system_id and password, checked: system_ids compare exactly, as SMSCs do. */
    public Check check(String systemId, String password) {
        Optional<String> hash = systemId == null || !SYSTEM_ID.matcher(systemId).matches() ? Optional.empty()
                : Sql.inTransaction(dataSource, "reading SMPP account " + systemId, c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT password_hash FROM smpp_account WHERE system_id = ?")) {
                        ps.setString(1, systemId);
                        return Sql.first(ps, rs -> rs.getString(1));
                    }
                });
        if (hash.isEmpty()) {
            return new UnknownSystemId();
        }
        boolean verified = password != null && password.getBytes(StandardCharsets.UTF_8).length <= 72
                && BCrypt.verifyer().verify(password.toCharArray(), hash.get()).verified;
        if (!verified) {
            return new WrongPassword();
        }
        return find(systemId).<Check>map(Accepted::new).orElseGet(UnknownSystemId::new);
    }

    /** @throws IllegalArgumentException for a system_id SMPP cannot carry */
    public static String checkedSystemId(String systemId) {
        String s = systemId == null ? "" : systemId.strip();
        if (!SYSTEM_ID.matcher(s).matches()) {
            throw new IllegalArgumentException("bad system_id '" + systemId + "': 1 to 15 letters, digits and . _ @ -,"
                    + " beginning with a letter or digit");
        }
        return s;
    }

    /** @throws IllegalArgumentException for a password SMPP cannot carry (1 to 8 printable ASCII characters) */
    public static String checkedPassword(String password) {
        if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD
                || !password.chars().allMatch(ch -> ch > 0x20 && ch < 0x7F)) {
            throw new IllegalArgumentException("an SMPP password has 1 to " + MAX_PASSWORD
                    + " printable ASCII characters (SMPP 3.4 carries no more)");
        }
        return password;
    }

    private static SmppAccount account(ResultSet rs) throws SQLException {
        Set<BindKind> kinds = EnumSet.noneOf(BindKind.class);
        for (String k : strings(rs.getArray("bind_types"))) {
            kinds.add(BindKind.parse(k));
        }
        return new SmppAccount(rs.getString("system_id"), kinds, strings(rs.getArray("allowed_sources")),
                rs.getInt("throughput"), rs.getInt("max_binds"), rs.getString("created_by"),
                Sql.time(rs, "created_at"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
