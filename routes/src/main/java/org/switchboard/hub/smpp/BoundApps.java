package org.switchboard.hub.smpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.session.Session;
import org.switchboard.auth.RateBuckets;
import org.switchboard.auth.SharedRateLimiter;
import org.switchboard.smpp.LiveBinds;

/**
 * The applications' sessions bound to this node's SMPP server, and the account limits they share with the other
 * nodes: at most each account's max_binds at once over every node alive ({@link LiveBinds}), a token bucket per
 * account for its throughput over all its binds on all nodes ({@link SharedRateLimiter}), and a receiver bind here to
 * take each receipt, in turn.
 */
final class BoundApps {
    private final LiveBinds live;
    private final RateBuckets buckets;
    private final String nodeId;
    private final Map<String, BoundApp> bySession = new ConcurrentHashMap<>();
    private final Map<String, SharedRateLimiter> limits = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    // Binds that ended while the database was away: their rows would count against the account until this node
    // stopped, so they go with the next bind recorded.
    private final Set<Long> endsNotRecorded = ConcurrentHashMap.newKeySet();

    BoundApps(LiveBinds live, RateBuckets buckets, String nodeId) {
        this.live = live;
        this.buckets = buckets;
        this.nodeId = nodeId;
    }

    /**
     * Adds a bind unless its account already holds max_binds over the nodes alive; the count and the add are one
     * transaction under the account's lock.
     */
    synchronized boolean add(BoundApp app) {
        List<Long> ended = List.copyOf(endsNotRecorded);
        boolean admitted = live.open(app.bindId(), app.systemId(), nodeId, ended);
        ended.forEach(endsNotRecorded::remove);
        if (!admitted) {
            return false;
        }
        boolean first = bySession.values().stream().noneMatch(a -> a.systemId().equals(app.systemId()));
        bySession.put(app.session().getSessionId(), app);
        // A new limiter on this node's first bind of the account: a changed throughput applies from then on. The
        // bucket itself is the account's, in the database, whichever node takes from it.
        if (first) {
            int rate = app.account().throughput();
            limits.put(app.systemId(), new SharedRateLimiter(buckets, "smpp", rate, Duration.ofSeconds(1),
                    Math.max(1, rate)));
        }
        return true;
    }

    /** The bind's end; returns it if it was bound. */
    synchronized Optional<BoundApp> remove(Session session) {
        BoundApp app = bySession.remove(session.getSessionId());
        if (app != null) {
            try {
                live.close(app.bindId());
            } catch (RuntimeException e) {
                endsNotRecorded.add(app.bindId());
            }
        }
        return Optional.ofNullable(app);
    }

    /** Forgets this node's binds in the database: those a crash left when it starts, its own when it stops. */
    void forgetNode() {
        live.clearNode(nodeId);
        endsNotRecorded.clear();
    }

    Optional<BoundApp> of(Session session) {
        return Optional.ofNullable(bySession.get(session.getSessionId()));
    }

    /**
     * {@link Duration#ZERO} when the account may submit one more now, else how long until it may.
     *
     * @throws org.switchboard.store.StoreException when the database could not be asked (once in a slice)
     */
    Duration take(BoundApp app) {
        SharedRateLimiter limit = limits.get(app.systemId());
        return limit == null ? Duration.ZERO : limit.take(app.systemId());
    }

    /** The account's binds open now over the nodes alive, this one's included. */
    int openEverywhere(String systemId) {
        return live.count(systemId, nodeId);
    }

    /** The accounts with a receiver or transceiver bound: their receipts are due. */
    Collection<String> receiving() {
        return bySession.values().stream().filter(a -> a.kind().receives() && a.session().getSessionState().isBound())
                .map(BoundApp::systemId).distinct().toList();
    }

    /** One of the account's receiving binds, in turn; empty when none is bound. */
    Optional<BoundApp> receiver(String systemId) {
        List<BoundApp> all = new ArrayList<>();
        for (BoundApp a : bySession.values()) {
            if (a.systemId().equals(systemId) && a.kind().receives() && a.session().getSessionState().isReceivable()) {
                all.add(a);
            }
        }
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(Math.floorMod(turn.getAndIncrement(),
                all.size())));
    }

    List<BoundApp> all() {
        return List.copyOf(bySession.values());
    }
}
