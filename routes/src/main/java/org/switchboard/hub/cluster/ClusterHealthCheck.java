package org.switchboard.hub.cluster;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code cluster}: this node's lease is renewed (else the other nodes take back the SMS it holds) and, in a cluster, it
 * is connected to ZooKeeper (else the singletons cannot move to it, and it lets go of them if it led). Its details say
 * which node this is and whether it leads.
 */
final class ClusterHealthCheck extends AbstractHealthCheck {
    private final String node;
    private final Leadership leadership;
    private final NodeHeartbeatRoute heartbeat;
    private final Duration lease;
    private final ZooKeeperClusterService zookeeper;

    /** @param zookeeper null for a hub of one node */
    ClusterHealthCheck(String node, Leadership leadership, NodeHeartbeatRoute heartbeat, Duration lease,
            ZooKeeperClusterService zookeeper) {
        super("switchboard", "cluster");
        this.node = node;
        this.leadership = leadership;
        this.heartbeat = heartbeat;
        this.lease = lease;
        this.zookeeper = zookeeper;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("node", node);
        builder.detail("leader", leadership.leads());
        long sinceRenewal = heartbeat.millisSinceRenewal();
        builder.detail("lease.renewed.millis.ago", sinceRenewal);
        if (sinceRenewal > lease.toMillis()) {
            builder.message("this node's lease was last renewed " + sinceRenewal + " ms ago (lease " + lease.toMillis()
                    + " ms): the other nodes take back what it holds").down();
            return;
        }
        if (zookeeper != null) {
            boolean connected = zookeeper.getCuratorFramework() != null
                    && zookeeper.getCuratorFramework().getZookeeperClient().isConnected();
            builder.detail("zookeeper", zookeeper.getNodes());
            if (!connected) {
                builder.message("not connected to ZooKeeper " + zookeeper.getNodes()
                        + ": the singletons cannot run here").down();
                return;
            }
        }
        builder.up();
    }
}
