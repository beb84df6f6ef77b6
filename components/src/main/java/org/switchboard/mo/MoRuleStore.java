package org.switchboard.mo;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/** The MO routing rules in SQL: added or replaced, listed, removed; read in the transaction that routes an SMS. */
public final class MoRuleStore {
    private static final String COLUMNS = "name, short_code, keywords, pattern, target, url, method, reply, system_id,"
            + " priority, created_by, created_at";

    private final DataSource dataSource;

    public MoRuleStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Adds a rule, or replaces the one of that name.
     *
     * @throws IllegalArgumentException for a rule that cannot work (bad name, pattern, URL, no account)
     */
    public MoRule save(MoRule rule) {
        rule.check();
        return Sql.inTransaction(dataSource, "saving MO rule " + rule.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mo_rule (name, short_code, keywords, pattern,"
                    + " target, url, method, reply, system_id, priority, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?) ON CONFLICT (name) DO UPDATE SET short_code = EXCLUDED.short_code, keywords ="
                    + " EXCLUDED.keywords, pattern = EXCLUDED.pattern, target = EXCLUDED.target, url = EXCLUDED.url,"
                    + " method = EXCLUDED.method, reply = EXCLUDED.reply, system_id = EXCLUDED.system_id,"
                    + " priority = EXCLUDED.priority RETURNING " + COLUMNS)) {
                ps.setString(1, rule.name());
                ps.setString(2, rule.shortCode());
                ps.setArray(3, c.createArrayOf("text", rule.keywords().toArray()));
                ps.setString(4, rule.pattern());
                ps.setString(5, rule.target().text());
                ps.setString(6, rule.url());
                ps.setString(7, rule.method());
                ps.setBoolean(8, rule.reply());
                ps.setString(9, rule.systemId());
                ps.setInt(10, rule.priority());
                ps.setString(11, rule.createdBy());
                return Sql.first(ps, MoRuleStore::rule).orElseThrow();
            }
        });
    }

    public boolean remove(String name) {
        return Sql.update(dataSource, "removing MO rule " + name, "DELETE FROM mo_rule WHERE name = ?", name) == 1;
    }

    public Optional<MoRule> find(String name) {
        return Sql.inTransaction(dataSource, "reading MO rule " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM mo_rule WHERE name = ?")) {
                ps.setString(1, name);
                return Sql.first(ps, MoRuleStore::rule);
            }
        });
    }

    /** Every rule, by name. */
    public List<MoRule> list() {
        return Sql.inTransaction(dataSource, "listing MO rules", MoRuleStore::list);
    }

    static List<MoRule> list(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM mo_rule ORDER BY name")) {
            return Sql.list(ps, MoRuleStore::rule);
        }
    }

    private static MoRule rule(ResultSet rs) throws SQLException {
        Array k = rs.getArray("keywords");
        return new MoRule(rs.getString("name"), rs.getString("short_code"),
                k == null ? List.of() : Arrays.asList((String[]) k.getArray()), rs.getString("pattern"),
                MoRule.Target.parse(rs.getString("target")), rs.getString("url"), rs.getString("method"),
                rs.getBoolean("reply"), rs.getString("system_id"), rs.getInt("priority"), rs.getString("created_by"),
                Sql.time(rs, "created_at"));
    }
}
