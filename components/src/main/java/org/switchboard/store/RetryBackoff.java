package org.switchboard.store;

import java.time.Duration;
import java.time.OffsetDateTime;

/** Exponential back-off for the email and SMS outboxes: initial, twice that, ... up to max. */
public record RetryBackoff(Duration initial, Duration max) {

    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

    public RetryBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** The delay before attempt {@code failedAttempts + 1}, after {@code failedAttempts} (>= 1) failures. */
    public Duration delay(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        Duration d = initial.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    OffsetDateTime nextAttempt(int failedAttempts, OffsetDateTime now) {
        return now.plus(delay(failedAttempts));
    }
}
