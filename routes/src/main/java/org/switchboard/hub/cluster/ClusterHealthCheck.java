package org.switchboard.hub.cluster;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.curator.framework.CuratorFramework;

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
    private final String connectString;
    private final CuratorFramework zookeeper;

    /** @param zookeeper the cluster's ZooKeeper client, null for a hub of one node */
    ClusterHealthCheck(String node, Leadership leadership, NodeHeartbeatRoute heartbeat, Duration lease,
            String connectString, CuratorFramework zookeeper) {
        super("switchboard", "cluster");
        this.node = node;
        this.leadership = leadership;
        this.heartbeat = heartbeat;
        this.lease = lease;
        this.connectString = connectString;
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
            builder.detail("zookeeper", connectString);
            if (!zookeeper.getZookeeperClient().isConnected()) {
                builder.message("not connected to ZooKeeper " + connectString
                        + ": the singletons cannot run here").down();
                return;
            }
        }
        builder.up();
    }
}
