package org.switchboard.hub.monitor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A probe of a server (a query, an SMTP or IMAP login) run with a deadline, its outcome kept for a while. A monitor
 * polling /health every few seconds then logs in to SMTP once per {@code keep}, not once per poll; and a server that
 * does not answer costs the caller {@code timeout}, not the driver's own (Hikari waits 30 s for a connection). Only
 * one probe runs at a time: while one overran its deadline, callers are told so instead of starting more.
 */
public final class CachedProbe {
    /** What the last probe found: its details when it succeeded, why not when it failed. */
    public record Outcome(boolean up, String message, Map<String, Object> details, long tookMillis) {
    }

    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-probe");
        t.setDaemon(true);
        return t;
    });

    private final String what;
    private final Callable<Map<String, Object>> probe;
    private final long keepNanos;
    private final long timeoutMillis;
    private Outcome last;
    private long lastAt;
    private Future<Map<String, Object>> running;
    private long runningSince;

    /**
     * @param what  the server in words, for messages ("SMTP 127.0.0.1:25")
     * @param probe returns details when the server answered as it should, throws otherwise
     */
    public CachedProbe(String what, Callable<Map<String, Object>> probe, Duration keep, Duration timeout) {
        this.what = what;
        this.probe = probe;
        this.keepNanos = keep.toNanos();
        this.timeoutMillis = timeout.toMillis();
    }

    public synchronized Outcome outcome() {
        long now = System.nanoTime();
        if (last != null && now - lastAt < keepNanos) {
            return last;
        }
        if (running == null) {
            running = RUNNER.submit(probe);
            runningSince = now;
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(now - runningSince);
        Outcome outcome;
        try {
            Map<String, Object> details = running.get(Math.max(0, timeoutMillis - waited), TimeUnit.MILLISECONDS);
            outcome = new Outcome(true, null, details, took());
        } catch (TimeoutException e) {
            // Left running: its own socket timeout ends it, and the next caller picks up its outcome.
            return new Outcome(false, what + " did not answer within " + took() + " ms", Map.of(), took());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            outcome = new Outcome(false, what + ": " + describe(cause), Map.of(), took());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, what + ": interrupted", Map.of(), took());
        }
        running = null;
        last = outcome;
        lastAt = System.nanoTime();
        return outcome;
    }

    private long took() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - runningSince);
    }

    /** The exception's message and its root cause's, without a stack trace. */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (root != t) {
            text += " (" + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + ")";
        }
        return text.replaceAll("\\s+", " ").trim();
    }
}
