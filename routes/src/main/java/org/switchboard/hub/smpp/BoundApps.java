package org.switchboard.hub.smpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.session.Session;
import org.switchboard.auth.RateLimiter;

/**
 * The applications' sessions bound to the hub's SMPP server: at most each account's max_binds at once, a token bucket
 * per account for its throughput over all its binds, and a receiver bind to take each receipt, in turn.
 */
final class BoundApps {
    private final Map<String, BoundApp> bySession = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> limits = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();

    /** Adds a bind unless its account already holds max_binds; the count and the add are one step. */
    synchronized boolean add(BoundApp app) {
        long held = bySession.values().stream().filter(a -> a.systemId().equals(app.systemId())).count();
        if (held >= app.account().maxBinds()) {
            return false;
        }
        bySession.put(app.session().getSessionId(), app);
        // A new bucket on every first bind: a changed throughput applies from the account's next bind on.
        if (held == 0) {
            int rate = app.account().throughput();
            limits.put(app.systemId(), new RateLimiter(rate, Math.max(1, rate)));
        }
        return true;
    }

    /** The bind's end; returns it if it was bound. */
    synchronized Optional<BoundApp> remove(Session session) {
        return Optional.ofNullable(bySession.remove(session.getSessionId()));
    }

    Optional<BoundApp> of(Session session) {
        return Optional.ofNullable(bySession.get(session.getSessionId()));
    }

    /** {@link Duration#ZERO} when the account may submit one more now, else how long until it may. */
    Duration take(BoundApp app) {
        RateLimiter limit = limits.get(app.systemId());
        return limit == null ? Duration.ZERO : limit.take(app.systemId());
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
