package org.switchboard.modem.sim;

import java.util.concurrent.locks.LockSupport;

/** Holds a byte stream to the rate of a serial line: 10 bits per byte (8N1), so 115200 baud is 11520 bytes/s. */
final class LinePacer {
    private static final long SPIN_NANOS = 100_000;
    private final long nanosPerByte;
    private long lineFreeAt;

    LinePacer(int baudRate) {
        this.nanosPerByte = baudRate <= 0 ? 0 : 10_000_000_000L / baudRate;
    }

    /** Waits until {@code bytes} more bytes could have crossed the line since the last call. */
    synchronized void pace(int bytes) {
        if (nanosPerByte == 0 || bytes <= 0) {
            return;
        }
        // An idle line banks no time for a later burst: the bytes start now or when the line is free.
        lineFreeAt = Math.max(System.nanoTime(), lineFreeAt) + bytes * nanosPerByte;
        // Park until shortly before the bytes are through, then spin: a parked thread wakes tens of microseconds
        // late, and those would add up to a line measurably slower than its baud rate.
        long wait;
        while ((wait = lineFreeAt - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(wait - SPIN_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
        while (lineFreeAt - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }
}
