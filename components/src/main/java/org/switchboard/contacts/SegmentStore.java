package org.switchboard.contacts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/** Saved segments in SQL: named filters, saved (created or replaced), found by name, listed and deleted. */
public final class SegmentStore {

    // The CHECK on segment.name in V3: the name is also the local part of SEGMENT@broadcast.DOMAIN.
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");
    private static final String COLUMNS = "name, filter::text AS filter, description, created_by, created_at, updated_at";

    private final DataSource dataSource;

    public SegmentStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * A segment name as stored: trimmed and lower-cased.
     *
     * @throws InvalidSegmentNameException when it is not 1-63 letters a-z, digits, '.', '_' or '-', starting with a
     *         letter or digit
     */
    public static String segmentName(String raw) {
        String name = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSegmentNameException("\"" + (raw == null ? "" : raw.strip()) + "\" cannot be a segment name:"
                    + " use 1 to 63 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit"
                    + " (e.g. sma1-ipa-2018); it becomes the address NAME@broadcast...");
        }
        return name;
    }

    /** Creates the segment, or replaces the filter and description of the one with that name (its creator stays). */
    public Segment save(String name, ContactFilter filter, String description, String by) {
        String key = segmentName(name);
        Objects.requireNonNull(filter, "filter");
        return Sql.inTransaction(dataSource, "saving segment " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO segment AS s (name, filter, description, created_by)"
                    + " VALUES (?, ?::jsonb, ?, ?) ON CONFLICT (name) DO UPDATE SET filter = EXCLUDED.filter,"
                    + " description = EXCLUDED.description, updated_at = now() RETURNING " + COLUMNS)) {
                ps.setString(1, key);
                ps.setString(2, filter.toJson());
                ps.setString(3, description == null || description.isBlank() ? null : description.strip());
                ps.setString(4, by);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return segment(rs);
                }
            }
        });
    }

    /** The segment of that name, whatever its case; empty too for a name no segment could have. */
    public Optional<Segment> find(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(key).matches()) {
            return Optional.empty();
        }
        return Sql.inTransaction(dataSource, "reading segment " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM segment WHERE name = ?")) {
                ps.setString(1, key);
                return Sql.first(ps, SegmentStore::segment);
            }
        });
    }

    /** Every segment, by name. */
    public List<Segment> list() {
        return Sql.inTransaction(dataSource, "listing segments", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM segment ORDER BY name")) {
                return Sql.list(ps, SegmentStore::segment);
            }
        });
    }

    /** Deletes the segment; false when there was none of that name. Broadcasts keep their own copy of the filter. */
    public boolean delete(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(key).matches()) {
            return false;
        }
        return Sql.update(dataSource, "deleting segment " + key, "DELETE FROM segment WHERE name = ?", key) > 0;
    }

    private static Segment segment(ResultSet rs) throws SQLException {
        return new Segment(rs.getString("name"), ContactFilter.fromJson(rs.getString("filter")),
                rs.getString("description"), rs.getString("created_by"), Sql.time(rs, "created_at"),
                Sql.time(rs, "updated_at"));
    }
}
