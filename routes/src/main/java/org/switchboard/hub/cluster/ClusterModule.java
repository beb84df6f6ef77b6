package org.switchboard.hub.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.cluster.NodeRegistry;
import org.switchboard.hub.config.ClusterConfig;
import org.switchboard.hub.http.HttpConfig;
import org.switchboard.hub.module.HubParts;

/**
 * The cluster area, first of the modules: names this node in the shared database (refusing to start when a live node
 * on another machine has its id), renews its lease from then on, and, with ZooKeeper configured, joins Camel's
 * cluster service so that the routes marked {@link org.switchboard.hub.module.Singleton} run on the elected node
 * alone. Shares the {@link NodeRegistry} and the {@link Leadership}.
 */
public final class ClusterModule implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterModule.class);
    /** The ZooKeeper view (under the namespace) whose leader holds the singletons. */
    static final String SINGLETONS = "singletons";

    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        ClusterConfig config = hub.settings(ClusterConfig.class);
        NodeRegistry nodes = HubParts.share(camel, NodeRegistry.class, new NodeRegistry(hub.dataSource(), hub.node(),
                config.lease()));
        HttpConfig http = hub.settings(HttpConfig.class);
        String host = host();
        nodes.register(host, ProcessHandle.current().pid(), "http://" + http.getHost() + ":" + http.getPort())
                .ifPresent(clash -> {
                    throw new IllegalStateException("node id '" + hub.node() + "' is in use by a live node on "
                            + clash.host() + " (pid " + clash.pid() + ", last heartbeat " + clash.heartbeatAt()
                            + "): give each node its own switchboard.node.id");
                });
        // Closed after Camel stopped: the lines have handed back what they held by then.
        hub.own(nodes::stopped);

        Leadership leadership = Leadership.ALONE;
        ZooKeeperClusterService service = null;
        CuratorFramework zookeeper = null;
        if (config.clustered()) {
            warnOfEmbeddedMail();
            // The hub's own Curator client, so that it can tell whether ZooKeeper is there (the health check) and say
            // when it goes and comes back; Camel's cluster service uses it and leaves closing it to the hub.
            CuratorFramework curator = CuratorFrameworkFactory.builder()
                    .connectString(config.getCluster().getZookeeper())
                    .sessionTimeoutMs((int) config.getCluster().getSessionTimeoutMillis())
                    .connectionTimeoutMs((int) Math.min(15_000, config.getCluster().getSessionTimeoutMillis()))
                    .retryPolicy(new BoundedExponentialBackoffRetry(500, 5_000, 29)).build();
            curator.getConnectionStateListenable().addListener((client, state) -> {
                if (state.isConnected()) {
                    LOG.info("ZooKeeper {}: {}", config.getCluster().getZookeeper(), state);
                } else {
                    LOG.warn("ZooKeeper {}: {}; this node cannot hold the singletons until it is back",
                            config.getCluster().getZookeeper(), state);
                }
            });
            curator.start();
            hub.own(curator::close);
            zookeeper = curator;
            ZooKeeperCuratorConfiguration client = new ZooKeeperCuratorConfiguration();
            client.setCuratorFramework(curator);
            service = new ZooKeeperClusterService(client);
            service.setId(hub.node());
            service.setNodes(config.getCluster().getZookeeper());
            service.setBasePath("/" + config.getCluster().getNamespace());
            camel.addService(service);
            SingletonRoutes singletons = new SingletonRoutes(camel, service, SINGLETONS, curator);
            camel.addRoutePolicyFactory(new SingletonPolicyFactory(singletons));
            camel.addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                    // not yet: the cluster service starts with the context
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    singletons.follow();
                }
            });
            leadership = singletons;
            LOG.info("Node {} joins the cluster on ZooKeeper {} ({}); the elected node runs the singletons", hub.node(),
                    config.getCluster().getZookeeper(), service.getBasePath());
        }
        HubParts.share(camel, Leadership.class, leadership);
        NodeHeartbeatRoute heartbeat = new NodeHeartbeatRoute(nodes, leadership);
        camel.addRoutes(heartbeat);
        hub.monitoring().watch(new ClusterHealthCheck(hub.node(), leadership, heartbeat, config.lease(),
                config.getCluster().getZookeeper(), zookeeper));
    }

    /** An embedded mail server would give each node its own mailbox, of which the leader's alone is read. */
    private void warnOfEmbeddedMail() {
        if (hub.embeddedMail() != null) {
            LOG.warn("switchboard.mail.embedded is on in a cluster: each node has its own mail server, and only the"
                    + " leader's mailbox is read. Point every node at the same SMTP and IMAP servers outside tests.");
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
