package org.switchboard.hub.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.calls.CallListener;
import org.switchboard.calls.CallTransition;

/**
 * Takes the calls' states from the way to the PBX without holding it up (its one reader thread reads every event of
 * every call) and hands them to {@link CallStateRoute} from a thread of its own, those that queued meanwhile together,
 * in the order they came: one transaction for a burst instead of one per state.
 */
final class CallStateWriter implements CallListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallStateWriter.class);
    /** The most states stored in one transaction. */
    private static final int MAX_BATCH = 500;

    private final LinkedBlockingQueue<CallTransition> queue = new LinkedBlockingQueue<>();
    private final CamelContext camel;
    private final Consumer<List<CallTransition>> whenStopped;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param whenStopped stores what is still queued at {@link #close}, when Camel has stopped (the SIP way's last
     *                    BYEs at the hub's stop): without the route, so without the journal
     */
    CallStateWriter(CamelContext camel, Consumer<List<CallTransition>> whenStopped) {
        this.camel = camel;
        this.whenStopped = whenStopped;
        this.thread = new Thread(this::run, "calls-state-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void changed(CallTransition transition) {
        queue.add(transition);
    }

    private void run() {
        ProducerTemplate template = null;
        List<CallTransition> batch = new ArrayList<>();
        while (!closed) {
            try {
                CallTransition first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (template == null) {
                    template = camel.createProducerTemplate();
                }
                template.sendBody(CallStateRoute.ENDPOINT, List.copyOf(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!camel.getStatus().isStarted() && stored(batch)) {
                    // Camel stopping under the hub's last moves (the SIP way's BYEs): stored without the route.
                    batch.clear();
                    continue;
                }
                // The database down: these states are lost (their calls stay where they were), later ones are tried.
                LOG.error("Could not record {} call state(s): {}", batch.size(), e.getMessage(), e);
            }
            batch.clear();
        }
    }

    private boolean stored(List<CallTransition> batch) {
        try {
            whenStopped.accept(List.copyOf(batch));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<CallTransition> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            try {
                whenStopped.accept(left);
            } catch (RuntimeException e) {
                LOG.error("Could not record {} call state(s) at stop: {}", left.size(), e.getMessage(), e);
            }
        }
    }
}
