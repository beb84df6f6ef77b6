package org.switchboard.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.Sql;
import org.switchboard.store.TestDatabaseExtension;

/**
 * An SMPP account's binds at once counted over the nodes of the hub (two pools on one real PostgreSQL, as two nodes):
 * max_binds holds for the account as a whole, binds at once on both nodes included, and the binds of a node whose
 * lease ran out, or that stopped, no longer count.
 */
class LiveBindsTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private LiveBinds nodeA;
    private LiveBinds nodeB;
    private SmppStore store;

    @BeforeEach
    void emptyTables() {
        db.truncate("smpp_live_bind", "smpp_bind", "smpp_account", "hub_node");
        nodeA = new LiveBinds(db.dataSource());
        nodeB = new LiveBinds(db.otherNode());
        store = new SmppStore(db.dataSource());
        account("BankApp", 2);
        alive("node-a");
        alive("node-b");
    }

    @Test
    void anAccountHoldsItsMaxBindsOverBothNodesNotEach() {
        long first = bind();
        assertTrue(nodeA.open(first, "BankApp", "node-a", List.of()));
        assertTrue(nodeB.open(bind(), "BankApp", "node-b", List.of()));
        assertFalse(nodeA.open(bind(), "BankApp", "node-a", List.of()), "a third bind, on node a");
        assertFalse(nodeB.open(bind(), "BankApp", "node-b", List.of()), "a third bind, on node b");
        assertEquals(2, nodeB.count("BankApp", "node-b"));
        nodeA.close(first);
        assertTrue(nodeB.open(bind(), "BankApp", "node-b", List.of()), "the place node a's unbind freed");
        assertFalse(nodeA.open(bind(), "BankApp", "node-a", List.of()));
    }

    @Test
    void bindsAtOnceOnBothNodesNeverGoPastTheLimit() throws Exception {
        account("Burst", 3);
        int tries = 16;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            ids.add(store.bindOpened("Burst", "transceiver", "10.0.0.1:" + i, 0));
        }
        CyclicBarrier together = new CyclicBarrier(tries);
        ExecutorService pool = Executors.newFixedThreadPool(tries);
        try {
            List<Future<Boolean>> opened = new ArrayList<>();
            for (int i = 0; i < tries; i++) {
                long id = ids.get(i);
                boolean onA = i % 2 == 0;
                opened.add(pool.submit(() -> {
                    together.await();
                    return onA ? nodeA.open(id, "Burst", "node-a", List.of())
                            : nodeB.open(id, "Burst", "node-b", List.of());
                }));
            }
            int admitted = 0;
            for (Future<Boolean> f : opened) {
                admitted += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(3, admitted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theBindsOfANodeWhoseLeaseRanOutOrThatStoppedDoNotCount() {
        assertTrue(nodeB.open(bind(), "BankApp", "node-b", List.of()));
        assertTrue(nodeB.open(bind(), "BankApp", "node-b", List.of()));
        assertFalse(nodeA.open(bind(), "BankApp", "node-a", List.of()));
        // node b stops renewing its lease: its binds stop counting once it has run out
        Sql.update(db.dataSource(), "a lease running out", "UPDATE hub_node SET lease_until = now() - interval '1 second'"
                + " WHERE id = 'node-b'");
        assertEquals(0, nodeA.count("BankApp", "node-a"));
        assertEquals(2, nodeB.count("BankApp", "node-b"), "a node always counts its own");
        assertTrue(nodeA.open(bind(), "BankApp", "node-a", List.of()));
        assertTrue(nodeA.open(bind(), "BankApp", "node-a", List.of()));
        assertFalse(nodeA.open(bind(), "BankApp", "node-a", List.of()));
        // a node that stopped, its lease still running
        alive("node-c");
        Sql.update(db.dataSource(), "a node stopping", "UPDATE hub_node SET stopped_at = now() WHERE id = 'node-a'");
        assertEquals(0, nodeA.count("BankApp", "node-c"));
    }

    @Test
    void aNodeForgetsItsOwnBindsOnlyAndANodeWithoutHeartbeatCountsItsOwn() {
        assertTrue(nodeA.open(bind(), "BankApp", "solo", List.of()), "no hub_node row: one node, as before clusters");
        assertTrue(nodeA.open(bind(), "BankApp", "solo", List.of()));
        assertFalse(nodeA.open(bind(), "BankApp", "solo", List.of()));
        assertTrue(nodeB.open(bind(), "BankApp", "node-b", List.of()), "solo has no lease: node b does not count it");
        assertEquals(2, nodeA.clearNode("solo"));
        assertEquals(1, nodeA.count("BankApp", "solo"));
    }

    @Test
    void endsNotRecordedBeforeGoWithTheNextBind() {
        long first = bind();
        long second = bind();
        assertTrue(nodeA.open(first, "BankApp", "node-a", List.of()));
        assertTrue(nodeA.open(second, "BankApp", "node-a", List.of()));
        assertTrue(nodeA.open(bind(), "BankApp", "node-a", List.of(first, second)));
        assertEquals(1, nodeA.count("BankApp", "node-a"));
    }

    @Test
    void anAccountRemovedMeanwhileBindsNoMore() {
        assertTrue(new SmppAccountStore(db.dataSource()).remove("BankApp"));
        assertFalse(nodeA.open(bind(), "BankApp", "node-a", List.of()));
    }

    private long bind() {
        return store.bindOpened("BankApp", "transceiver", "10.0.0.1:2775", 0);
    }

    private static void account(String systemId, int maxBinds) {
        new SmppAccountStore(db.dataSource()).add(new NewSmppAccount(systemId, "pw", EnumSet.allOf(BindKind.class),
                List.of(), 0, maxBinds), "test");
    }

    private static void alive(String node) {
        Sql.update(db.dataSource(), "a node's heartbeat", "INSERT INTO hub_node (id, host, pid, lease_until)"
                + " VALUES (?, 'test', 1, now() + interval '30 seconds')", node);
    }
}
