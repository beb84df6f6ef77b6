package org.switchboard.modem.sim;

import java.util.concurrent.locks.LockSupport;

/** Holds a byte stream to the rate of a serial line: 10 bits per byte (8N1), so 115200 baud is 11520 bytes/s. */
final class LinePacer {
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
        long wait;
        while ((wait = lineFreeAt - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
