package org.switchboard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/** Reads a message's trail from the journal, for the API and the CLI. */
public final class JournalReader {

    private final DataSource dataSource;

    public JournalReader(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Every hop of one message, in the order they happened. */
    public List<Hop> hops(String messageKind, long messageId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT message_kind, message_id, hop, at, route, detail, error"
                        + " FROM journal WHERE message_kind = ? AND message_id = ? ORDER BY at, id")) {
            ps.setString(1, messageKind);
            ps.setLong(2, messageId);
            return Sql.list(ps, rs -> new Hop(rs.getString(1), rs.getLong(2), rs.getString(3),
                    rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6), rs.getString(7)));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the journal of " + messageKind + " " + messageId + ": " + e.getMessage(), e);
        }
    }
}
