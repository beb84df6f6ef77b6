package org.switchboard.hub.cluster;

import java.util.function.BooleanSupplier;

/**
 * Whether this node holds the cluster's singletons now. A hub of one node always does; in a cluster the
 * {@link org.apache.camel.impl.cluster.ClusteredRoutePolicy} of the singleton routes knows.
 */
public interface Leadership extends BooleanSupplier {

    /** A hub of one node: it leads. */
    Leadership ALONE = () -> true;

    default boolean leads() {
        return getAsBoolean();
    }
}
