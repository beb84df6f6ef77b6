package org.switchboard.hub.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.switchboard.hub.module.Singleton;

/**
 * Gives the routes marked {@link Singleton} the cluster's one {@link SingletonRoutes} policy: they start on the node
 * that holds the leadership and stop on a node that loses it. Most of the hub's routes (dispatchers, HTTP, the outboxes
 * claimed with leases) run on every node.
 */
final class SingletonPolicyFactory implements RoutePolicyFactory {
    private final SingletonRoutes policy;

    SingletonPolicyFactory(SingletonRoutes policy) {
        this.policy = policy;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        if (route instanceof RouteDefinition definition && definition.getRouteProperties() != null
                && definition.getRouteProperties().stream()
                        .anyMatch(p -> Singleton.ROUTE_PROPERTY.equals(p.getKey()) && "true".equals(p.getValue()))) {
            return policy;
        }
        return null;
    }
}
