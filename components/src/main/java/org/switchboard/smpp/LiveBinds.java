package org.switchboard.smpp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/**
 * The SMPP server's binds open now on every node (smpp_live_bind), so that an account's max_binds holds for the
 * account as a whole: a bind is admitted only while the account's binds on the nodes alive are fewer, counted and
 * added under the account row's lock so that two nodes binding at once cannot both take the last place. A node is
 * alive while its hub_node lease runs and it has not stopped; the node asking always counts its own binds. A node
 * deletes its own rows when it starts and when it stops.
 */
public final class LiveBinds {
    /** The binds that count against an account: on the asking node, or on a node whose lease still runs. */
    private static final String COUNTED = "SELECT count(*) AS n FROM smpp_live_bind b WHERE b.system_id = ?"
            + " AND (b.node_id = ? OR EXISTS (SELECT 1 FROM hub_node n WHERE n.id = b.node_id"
            + " AND n.lease_until > now() AND n.stopped_at IS NULL))";

    private final DataSource dataSource;

    public LiveBinds(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Records bind {@code bindId} of the account as open on {@code nodeId} unless the account already holds its
     * max_binds (or no longer exists); true when recorded. {@code endedMeanwhile} are binds of this node whose end
     * could not be recorded before (the database away): they go first, in the same transaction.
     */
    public boolean open(long bindId, String systemId, String nodeId, Collection<Long> endedMeanwhile) {
        return Sql.inTransaction(dataSource, "recording SMPP bind " + bindId + " of " + systemId, c -> {
            if (!endedMeanwhile.isEmpty()) {
                Sql.update(c, "DELETE FROM smpp_live_bind WHERE bind_id = ANY (?)",
                        c.createArrayOf("int8", endedMeanwhile.toArray()));
            }
            Optional<Integer> maxBinds;
            try (PreparedStatement ps = c.prepareStatement("SELECT max_binds FROM smpp_account WHERE system_id = ?"
                    + " FOR UPDATE")) {
                ps.setString(1, systemId);
                maxBinds = Sql.first(ps, rs -> rs.getInt("max_binds"));
            }
            if (maxBinds.isEmpty() || counted(c, systemId, nodeId) >= maxBinds.get()) {
                return false;
            }
            Sql.update(c, "INSERT INTO smpp_live_bind (bind_id, system_id, node_id) VALUES (?, ?, ?)", bindId, systemId,
                    nodeId);
            return true;
        });
    }

    /** The bind's end. */
    public void close(long bindId) {
        Sql.update(dataSource, "recording the end of SMPP bind " + bindId, "DELETE FROM smpp_live_bind WHERE bind_id = ?",
                bindId);
    }

    /** Forgets every bind of the node: it starts (binds left by a crash) or stops. Returns how many. */
    public int clearNode(String nodeId) {
        return Sql.update(dataSource, "forgetting the SMPP binds of node " + nodeId,
                "DELETE FROM smpp_live_bind WHERE node_id = ?", nodeId);
    }

    /** The account's binds that count, as {@link #open} counts them for {@code nodeId}. */
    public int count(String systemId, String nodeId) {
        return Sql.inTransaction(dataSource, "counting the SMPP binds of " + systemId, c -> counted(c, systemId, nodeId));
    }

    private static int counted(Connection c, String systemId, String nodeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COUNTED)) {
            Sql.bind(ps, systemId, nodeId);
            return Sql.first(ps, rs -> rs.getInt("n")).orElse(0);
        }
    }
}
