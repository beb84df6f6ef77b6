package org.switchboard.cluster;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.switchboard.store.Sql;

/**
 * The hub's nodes as the shared database knows them ({@code hub_node}): each node names itself at start, then renews
 * its lease (its heartbeat) and, with it, the leases of the SMS its lines hold. A node whose lease has run out is
 * dead to the others, whatever ZooKeeper says: the rows it held are put back by whoever finds them first. The
 * database rather than ZooKeeper decides this because the rows are in the database: a node cut off from ZooKeeper but
 * still renewing its leases is still sending, and must not have its SMS sent a second time by another.
 */
public final class NodeRegistry {
    private final DataSource dataSource;
    private final String node;
    private final Duration lease;

    /**
     * @param node  this node's id
     * @param lease how long this node's heartbeat, and each row it claims, stays valid without renewal
     */
    public NodeRegistry(DataSource dataSource, String node, Duration lease) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.node = Objects.requireNonNull(node, "node");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    public String node() {
        return node;
    }

    public Duration lease() {
        return lease;
    }

    /** A node as it last described itself; {@code alive} while its lease runs and it has not stopped. */
    public record Node(String id, String host, long pid, String httpUrl, OffsetDateTime startedAt,
            OffsetDateTime heartbeatAt, OffsetDateTime leaseUntil, OffsetDateTime stoppedAt, boolean alive,
            boolean leader, String channelsJson) {
    }

    /**
     * Names this node at start, as running on {@code host} with process {@code pid}. Returns the node of the same id
     * that was still alive on another host, if any: two machines given one id would each take the other's SMS back
     * from the queue as their own, so the hub refuses to start then. On the same host it is this node's own previous
     * run (killed, and restarted by its supervisor before its lease ran out), and its rows are this node's to resume.
     */
    public Optional<Node> register(String host, long pid, String httpUrl) {
        return Sql.inTransaction(dataSource, "registering node " + node, c -> {
            Optional<Node> clash;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM hub_node"
                    + " WHERE id = ? AND host <> ? AND lease_until > now() AND stopped_at IS NULL FOR UPDATE")) {
                ps.setString(1, node);
                ps.setString(2, host);
                clash = Sql.first(ps, NodeRegistry::row);
            }
            if (clash.isPresent()) {
                return clash;
            }
            Sql.update(c, "INSERT INTO hub_node (id, host, pid, http_url, lease_until)"
                    + " VALUES (?, ?, ?, ?, now() + ? * interval '1 millisecond')"
                    + " ON CONFLICT (id) DO UPDATE SET host = excluded.host, pid = excluded.pid,"
                    + " http_url = excluded.http_url, started_at = now(), heartbeat_at = now(),"
                    + " lease_until = excluded.lease_until, stopped_at = NULL, leader = false, channels = '[]'",
                    node, host, pid, httpUrl, lease.toMillis());
            return Optional.empty();
        });
    }

    /**
     * The heartbeat: renews this node's lease and those of the SMS its lines hold, and says whether it leads and how
     * its channels are. One transaction, so that a node whose heartbeat is late has let all its rows go at once. A row
     * a line is marking sent or failed at this moment is skipped (SKIP LOCKED): it is leaving SENDING anyway, and
     * waiting for it could lock rows in another order than the dispatchers do.
     */
    public void heartbeat(boolean leader, String channelsJson) {
        Sql.inTransaction(dataSource, "renewing the lease of node " + node, c -> {
            Sql.update(c, "UPDATE hub_node SET heartbeat_at = now(), lease_until = now() + ? * interval '1 millisecond',"
                    + " stopped_at = NULL, leader = ?, channels = ?::jsonb WHERE id = ?",
                    lease.toMillis(), leader, channelsJson, node);
            return Sql.update(c, "UPDATE outbound_sms o SET lease_until = now() + ? * interval '1 millisecond'"
                    + " FROM (SELECT id FROM outbound_sms WHERE status = 'SENDING' AND node_id = ? ORDER BY id"
                    + "  FOR UPDATE SKIP LOCKED) held WHERE o.id = held.id", lease.toMillis(), node);
        });
    }

    /** This node stopped by a shutdown (its lines handed back what they held first): not dead, not alive. */
    public void stopped() {
        Sql.update(dataSource, "marking node " + node + " stopped",
                "UPDATE hub_node SET stopped_at = now(), leader = false WHERE id = ?", node);
    }

    /** Every node the database has heard of, alive ones first, then by id. */
    public List<Node> nodes() {
        return Sql.inTransaction(dataSource, "reading the nodes", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM hub_node"
                    + " ORDER BY (lease_until > now() AND stopped_at IS NULL) DESC, id")) {
                return Sql.list(ps, NodeRegistry::row);
            }
        });
    }

    private static final String COLUMNS = "id, host, pid, http_url, started_at, heartbeat_at, lease_until, stopped_at,"
            + " (lease_until > now() AND stopped_at IS NULL) AS alive, leader, channels::text AS channels";

    private static Node row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Node(rs.getString("id"), rs.getString("host"), rs.getLong("pid"), rs.getString("http_url"),
                Sql.time(rs, "started_at"), Sql.time(rs, "heartbeat_at"), Sql.time(rs, "lease_until"),
                Sql.time(rs, "stopped_at"), rs.getBoolean("alive"), rs.getBoolean("leader"), rs.getString("channels"));
    }
}
