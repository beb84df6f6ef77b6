package org.switchboard.hub.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Which node of the hub this is, and the cluster it belongs to ({@code switchboard.node.*},
 * {@code switchboard.cluster.*}). With no ZooKeeper named the hub is one node, as it always was: it still names itself
 * on the rows it claims, so that a second node added later finds nothing unnamed.
 */
public final class ClusterConfig implements SettingsSection {
    private final Node node = new Node();
    private final Cluster cluster = new Cluster();

    /** {@code switchboard.node.*}: this node. */
    public static final class Node {
        private String id = "";

        /** The node's name, on every row it claims and in {@code /api/nodes}; blank means the machine's host name. */
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id == null ? "" : id.trim();
        }
    }

    /** {@code switchboard.cluster.*}: the coordinator and the leases. */
    public static final class Cluster {
        private String zookeeper = "";
        private String namespace = "switchboard";
        private long leaseSeconds = 30;
        private long sessionTimeoutMillis = 6_000;

        /** ZooKeeper's connect string ({@code 127.0.0.1:2181,...}); blank: one node, no coordinator. */
        public String getZookeeper() {
            return zookeeper;
        }

        public void setZookeeper(String zookeeper) {
            this.zookeeper = zookeeper == null ? "" : zookeeper.trim();
        }

        /** The ZooKeeper path the nodes elect their leader under, so that several hubs can share one ensemble. */
        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        /**
         * How long a claimed row (and a node's heartbeat) stays valid without being renewed: a node silent that long
         * is taken for dead, and the rows it held go back to the queue.
         */
        public long getLeaseSeconds() {
            return leaseSeconds;
        }

        public void setLeaseSeconds(long leaseSeconds) {
            this.leaseSeconds = leaseSeconds;
        }

        /** ZooKeeper's session timeout: a dead leader's singletons move after about this long. */
        public long getSessionTimeoutMillis() {
            return sessionTimeoutMillis;
        }

        public void setSessionTimeoutMillis(long sessionTimeoutMillis) {
            this.sessionTimeoutMillis = sessionTimeoutMillis;
        }
    }

    @Override
    public String prefix() {
        return "switchboard.";
    }

    @Override
    public void check(SettingsCheck check) {
        if (!node.id.isEmpty() && !node.id.matches("[A-Za-z0-9._-]{1,63}")) {
            throw check.problem("node.id", "must be 1 to 63 letters, digits, dots, dashes or underscores, not '"
                    + node.id + "'");
        }
        check.notBlank("cluster.namespace", cluster.namespace);
        check.atLeast("cluster.lease-seconds", cluster.leaseSeconds, 3);
        check.atLeast("cluster.session-timeout-millis", cluster.sessionTimeoutMillis, 1_000);
    }

    /**
     * The nodes of a cluster share one PostgreSQL: an embedded one is one node's alone. Checked before the embedded
     * database would start.
     */
    public void requireSharedDatabase(DatabaseConfig database) {
        if (clustered() && database.getUrl().isBlank()) {
            throw new SettingsException("switchboard.cluster.zookeeper", "is set, but switchboard.db.url is not: the"
                    + " nodes of a cluster share one PostgreSQL, and an embedded database is one node's alone");
        }
    }

    public Node getNode() {
        return node;
    }

    public Cluster getCluster() {
        return cluster;
    }

    /** This node's name: the configured one, or the host's name. */
    public String nodeId() {
        if (!node.id.isEmpty()) {
            return node.id;
        }
        try {
            String host = InetAddress.getLocalHost().getHostName();
            String cleaned = host.replaceAll("[^A-Za-z0-9._-]", "-");
            return cleaned.isEmpty() ? "hub" : cleaned.substring(0, Math.min(63, cleaned.length()));
        } catch (UnknownHostException e) {
            return "hub";
        }
    }

    /** Whether several nodes coordinate through ZooKeeper. */
    public boolean clustered() {
        return !cluster.zookeeper.isEmpty();
    }

    public Duration lease() {
        return Duration.ofSeconds(cluster.leaseSeconds);
    }
}
