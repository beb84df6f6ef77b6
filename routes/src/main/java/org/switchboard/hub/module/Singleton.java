package org.switchboard.hub.module;

/**
 * Marks a route whose work must happen once in the cluster (polling a mailbox, holding the PBX subscription, mailing
 * reports, putting back a dead node's rows): {@code .routeProperty(Singleton.ROUTE_PROPERTY, "true")}. With a
 * coordinator configured such a route runs only on the elected node and moves to another when that one dies; a hub
 * of one node runs it as any other route.
 */
public final class Singleton {
    public static final String ROUTE_PROPERTY = "switchboard.singleton";

    private Singleton() {
    }
}
