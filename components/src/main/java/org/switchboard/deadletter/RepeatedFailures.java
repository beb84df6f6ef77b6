package org.switchboard.deadletter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers how each message failed, to tell a poison message (one that fails the same way again: its content is what
 * fails) from a passing fault. A failure that says the outside world is away ({@link TransientFailures}) never counts:
 * with the database down, every message fails the same way and none is to blame. Kept in memory: after a restart a
 * poison message fails twice more before it is set aside, which is bounded.
 */
public final class RepeatedFailures {
    private static final int REMEMBERED = 10_000;

    private final int limit;
    private final Map<String, Seen> seen = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > REMEMBERED;
        }
    };

    private record Seen(String how, int times) {
    }

    /** @param limit failures the same way in a row that make a message poison (2: the first retry failed too) */
    public RepeatedFailures(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.limit = limit;
    }

    /**
     * Counts this failure of message {@code key}; true when it has now failed {@code limit} times in a row the same
     * way (same exception type and message), and the message is then forgotten. A transient failure is not counted.
     */
    public synchronized boolean failedAgain(String key, Throwable failure) {
        Objects.requireNonNull(key, "key");
        if (failure == null || TransientFailures.isTransient(failure)) {
            return false;
        }
        String how = failure.getClass().getName() + ": " + failure.getMessage();
        Seen before = seen.get(key);
        int times = before != null && before.how().equals(how) ? before.times() + 1 : 1;
        if (times >= limit) {
            seen.remove(key);
            return true;
        }
        seen.put(key, new Seen(how, times));
        return false;
    }

    /** Times {@code key} has failed the same way in a row so far (0 when it has not, or was set aside). */
    synchronized int failures(String key) {
        Seen s = seen.get(key);
        return s == null ? 0 : s.times();
    }

    /** The message went through: a later failure starts counting again. */
    synchronized void succeeded(String key) {
        seen.remove(key);
    }

    public int limit() {
        return limit;
    }
}
