package org.switchboard.smpp;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.switchboard.store.Sql;
import org.switchboard.store.StorableText;

/**
 * The parts of long SMS an SMSC delivers over an smpp channel, kept in SQL until the last one is in, so that a part
 * acknowledged (deliver_sm_resp) before a crash is not lost. The same part delivered twice (the SMSC did not see the
 * response) is kept once.
 */
public final class MoParts {
    private final DataSource dataSource;

    public MoParts(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A part's place: which channel, who to whom, the sender's reference and count, this part's number. */
    public record Key(String channel, String originator, String destination, int ref, int total) {
    }

    /** What the parts of a message come to once all are in: the text, and how many parts. */
    public record Whole(String text, int parts) {
    }

    /**
     * Keeps a part; returns the whole text when all parts are in. The caller hands the whole on, then {@link #remove}s
     * the parts, then acknowledges this part: should the hand-over fail, the parts stay, and the SMSC's redelivery of
     * this part completes the message again. (A crash between the hand-over and the removal does so too: the one way a
     * long SMS can come in twice.)
     */
    public Optional<Whole> add(Key key, int seq, String text) {
        return Sql.inTransaction(dataSource, "keeping part " + seq + "/" + key.total() + " of an SMS from "
                + key.originator(), c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?,"
                            + " 15))")) {
                        ps.setString(1, key.toString());
                        ps.execute();
                    }
                    Sql.update(c, "INSERT INTO smpp_mo_part (channel, originator, destination, ref, total, seq, text)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", key.channel(), key.originator(),
                            key.destination(), key.ref(), key.total(), seq, StorableText.replaceUnstorable(text));
                    try (PreparedStatement ps = c.prepareStatement("SELECT seq, text FROM smpp_mo_part"
                            + " WHERE channel = ? AND originator = ? AND destination = ? AND ref = ? AND total = ?"
                            + " ORDER BY seq")) {
                        Sql.bind(ps, key.channel(), key.originator(), key.destination(), key.ref(), key.total());
                        List<String> texts = Sql.list(ps, rs -> rs.getString(2));
                        if (texts.size() < key.total()) {
                            return Optional.empty();
                        }
                        return Optional.of(new Whole(String.join("", texts), texts.size()));
                    }
                });
    }

    /** Removes a message's parts once its whole was handed on. */
    public void remove(Key key) {
        Sql.update(dataSource, "removing the parts of an SMS from " + key.originator(), "DELETE FROM smpp_mo_part"
                + " WHERE channel = ? AND originator = ? AND destination = ? AND ref = ? AND total = ?", key.channel(),
                key.originator(), key.destination(), key.ref(), key.total());
    }
}
