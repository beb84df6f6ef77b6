package org.switchboard.modem.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the simulated network answers one modem's SMS-SUBMITs, as a test sets it: the latency of each, destinations that
 * fail with a +CMS code, and a refusal after so many accepted parts.
 */
final class SubmitFaults {
    private final Map<String, Integer> failNumbers = new ConcurrentHashMap<>();
    private final AtomicInteger submitsBeforeRefusal = new AtomicInteger(-1);
    private volatile int refusalCode;
    private volatile long latencyMillis;

    SubmitFaults(long latencyMillis) {
        latency(latencyMillis);
    }

    void latency(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("latency must be >= 0");
        }
        latencyMillis = millis;
    }

    long latency() {
        return latencyMillis;
    }

    void failNumber(String destination, int cmsCode) {
        if (cmsCode == 0) {
            failNumbers.remove(destination);
        } else {
            failNumbers.put(destination, cmsCode);
        }
    }

    Map<String, Integer> failNumbers() {
        return Map.copyOf(failNumbers);
    }

    void refuseAfter(int accepted, int cmsCode) {
        if (accepted < 0) {
            throw new IllegalArgumentException("accepted must be >= 0");
        }
        refusalCode = cmsCode;
        submitsBeforeRefusal.set(accepted);
    }

    /** Takes the network's time over one SMS-SUBMIT to {@code destination}, then refuses it when a fault says so. */
    void answer(String destination) throws AtFailure {
        Integer refusal = failNumbers.get(destination);
        if (submitsBeforeRefusal.getAndUpdate(n -> n >= 0 ? n - 1 : n) == 0) {
            refusal = refusalCode;
        }
        long ms = latencyMillis;
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AtFailure.cms(500);
            }
        }
        if (refusal != null) {
            throw AtFailure.cms(refusal);
        }
    }
}
