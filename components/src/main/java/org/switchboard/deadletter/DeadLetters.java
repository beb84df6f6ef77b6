package org.switchboard.deadletter;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/** The dead_letter table: messages set aside after failing the same way twice, for the admin to look at. */
public final class DeadLetters {
    private final DataSource dataSource;

    public DeadLetters(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Records {@code letter}; returns its id. */
    public long record(DeadLetter letter) {
        return Sql.inTransaction(dataSource, "setting aside " + letter.reference() + " from " + letter.source(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dead_letter (source, reference, sender, error,"
                    + " attempts) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                Sql.bind(ps, letter.source(), letter.reference(), letter.sender(), letter.error(), letter.attempts());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
