package org.switchboard.hub.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the routes marked {@link org.switchboard.hub.module.Singleton} on the node that holds the leadership of one
 * view of Camel's cluster service, and stops them on every other node.
 * <p>
 * Camel's own {@code ClusteredRoutePolicy} follows the view's leadership events, and camel-zookeeper 4.18 fires none
 * when ZooKeeper goes away: on losing the session its view asks ZooKeeper who leads now, which fails, so the policy
 * went on believing it led and the node kept reading the mailbox while another node, still in touch with ZooKeeper,
 * was elected and read it too (ClusterZooKeeperOutageTest). This follows the view's own member instead, which Curator's
 * LeaderSelector clears as soon as the session is suspended, every half second. And that view's selector, once it has
 * given up the leadership, never stands again (it is not requeued): when the session comes back this takes a new view,
 * which stands for election, or no node would lead again after ZooKeeper had been away from all of them.
 */
final class SingletonRoutes extends RoutePolicySupport implements Leadership {
    private static final Logger LOG = LoggerFactory.getLogger(SingletonRoutes.class);
    private static final long FOLLOW_MILLIS = 500;

    private final CamelContext camel;
    private final CamelClusterService service;
    private final String namespace;
    private final Set<String> routes = ConcurrentHashMap.newKeySet();
    private volatile boolean leading;
    private volatile boolean stand;
    private CamelClusterView view;

    SingletonRoutes(CamelContext camel, CamelClusterService service, String namespace, CuratorFramework zookeeper) {
        this.camel = camel;
        this.service = service;
        this.namespace = namespace;
        zookeeper.getConnectionStateListenable().addListener((client, state) -> {
            if (state == ConnectionState.RECONNECTED) {
                stand = true;
            }
        });
    }

    @Override
    public void onInit(Route route) {
        super.onInit(route);
        // started when this node leads, not with the context
        route.setAutoStartup(false);
        routes.add(route.getId());
    }

    /** Once the context has started (the cluster service with it): follows the leadership from then on. */
    void follow() {
        ScheduledExecutorService timer = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "singletons");
        timer.scheduleWithFixedDelay(this::apply, 0, FOLLOW_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean getAsBoolean() {
        return leading;
    }

    private void apply() {
        try {
            if (stand && view != null && !view.getLocalMember().isLeader()) {
                stand = false;
                service.releaseView(view);
                view = null;
            }
            if (view == null) {
                view = service.getView(namespace);
            }
            boolean now = view.getLocalMember().isLeader();
            if (now == leading || !camel.getStatus().isStarted()) {
                return;
            }
            leading = now;
            LOG.info(now ? "This node leads: it runs {}" : "This node no longer leads: it stops {}", routes);
            for (String id : routes) {
                if (now) {
                    camel.getRouteController().startRoute(id);
                } else {
                    camel.getRouteController().stopRoute(id, 10, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            LOG.warn("Following the cluster's leadership failed: {}", e.toString());
        }
    }
}
