package org.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.ClaimFilter;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/** The nodes' heartbeats and leases on a real PostgreSQL. */
class NodeRegistryTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    @BeforeEach
    void empty() {
        TestDatabases.truncateAll(db.dataSource());
    }

    @Test
    void aNodeIsAliveWhileItsLeaseRunsAndNotOnceItStopped() {
        NodeRegistry a = new NodeRegistry(db.dataSource(), "node-a", LEASE);
        NodeRegistry b = new NodeRegistry(db.dataSource(), "node-b", LEASE);
        assertTrue(a.register("host-a", 11, "http://127.0.0.1:8080").isEmpty());
        assertTrue(b.register("host-b", 22, "http://127.0.0.1:8081").isEmpty());
        a.heartbeat(true, "[{\"id\":\"modems\"}]");
        b.heartbeat(false, "[]");

        List<NodeRegistry.Node> seen = b.nodes();
        assertEquals(List.of("node-a", "node-b"), seen.stream().map(NodeRegistry.Node::id).toList());
        assertTrue(seen.get(0).alive() && seen.get(0).leader());
        assertEquals("[{\"id\": \"modems\"}]", seen.get(0).channelsJson());
        assertTrue(seen.get(1).alive() && !seen.get(1).leader());

        a.stopped();
        NodeRegistry.Node stopped = b.nodes().stream().filter(n -> n.id().equals("node-a")).findFirst().orElseThrow();
        assertFalse(stopped.alive());
        assertFalse(stopped.leader());
        assertTrue(stopped.stoppedAt() != null);
    }

    @Test
    void anIdAliveOnAnotherHostIsRefusedAndTheSameHostResumesIt() throws SQLException {
        NodeRegistry first = new NodeRegistry(db.dataSource(), "node-a", LEASE);
        first.register("host-a", 11, null);
        NodeRegistry twin = new NodeRegistry(db.dataSource(), "node-a", LEASE);

        Optional<NodeRegistry.Node> clash = twin.register("host-z", 99, null);
        assertTrue(clash.isPresent(), "another machine with the same id would take node-a's SMS back as its own");
        assertEquals("host-a", clash.get().host());
        assertTrue(twin.register("host-a", 12, null).isEmpty(), "a restart on the same host resumes its own rows");

        sql("UPDATE hub_node SET lease_until = now() - interval '1 second'");
        assertTrue(twin.register("host-z", 99, null).isEmpty(), "a dead node's id is free");
    }

    @Test
    void theHeartbeatRenewsTheLeasesOfItsOwnSmsOnly() throws SQLException {
        MessageStore store = new MessageStore(db.dataSource());
        long mine = store.storeOutbound(new NewOutbound("+6281111111111", "a", NewOutbound.SOURCE_API, null, "admin"))
                .id();
        long theirs = store.storeOutbound(new NewOutbound("+6282222222222", "b", NewOutbound.SOURCE_API, null,
                "admin")).id();
        new OutboundQueue(db.dataSource(), "node-a", LEASE).claim("modems", "gsm1", OffsetDateTime.now(),
                ClaimFilter.ANY);
        new OutboundQueue(db.dataSource(), "node-b", LEASE).claim("modems", "gsm1", OffsetDateTime.now(),
                ClaimFilter.ANY);
        sql("UPDATE outbound_sms SET lease_until = now() + interval '1 second'");

        NodeRegistry a = new NodeRegistry(db.dataSource(), "node-a", LEASE);
        a.register("host-a", 11, null);
        a.heartbeat(false, "[]");

        assertTrue(leaseSecondsLeft(mine) > 20, "node-a's SMS leased for another 30 s");
        assertTrue(leaseSecondsLeft(theirs) < 2, "node-b's lease is node-b's to renew");
    }

    private double leaseSecondsLeft(long id) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT extract(epoch FROM lease_until - now()) FROM outbound_sms WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private void sql(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }
}
