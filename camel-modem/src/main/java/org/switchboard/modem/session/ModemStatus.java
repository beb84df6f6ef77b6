package org.switchboard.modem.session;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.switchboard.modem.at.RegistrationStatus;

/** Live figures of one modem for health checks and metrics: link state, signal, registration, counters, last error. */
public final class ModemStatus {
    /** Where the session is in its life. */
    public enum State {
        STOPPED, CONNECTING, READY, RECOVERING, DOWN
    }

    volatile State state = State.STOPPED;
    volatile int rssi = 99;
    volatile RegistrationStatus registration = RegistrationStatus.UNKNOWN;
    volatile String identity = "";
    volatile String operator;
    volatile String lastError;
    volatile Instant lastErrorAt;
    volatile Instant readySince;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong recoveries = new AtomicLong();

    public State state() {
        return state;
    }

    /** RSSI as AT+CSQ gives it: 0..31, 99 when unknown. */
    public int rssi() {
        return rssi;
    }

    /** Signal in dBm (-113 + 2·rssi), or null when unknown. */
    public Integer signalDbm() {
        return rssi >= 0 && rssi <= 31 ? -113 + 2 * rssi : null;
    }

    /** "home", "roaming", "searching", "denied", "not registered", "unknown", ... */
    public String registration() {
        return registration.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Whether the modem is registered with a network, at home or roaming. */
    public boolean registered() {
        return registration.registered();
    }

    /**
     * Whether the modem knows it is off the network (searching, not registered, denied, emergency calls only); false
     * while the registration is unknown, e.g. on a modem that does not answer AT+CREG?.
     */
    public boolean offNetwork() {
        RegistrationStatus r = registration;
        return r != RegistrationStatus.UNKNOWN && !r.registered();
    }

    /** The network operator as AT+COPS? names it, or null when unknown or not registered. */
    public String operator() {
        return operator;
    }

    /** Manufacturer and model as the modem reports them. */
    public String identity() {
        return identity;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public Instant readySince() {
        return readySince;
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    public long received() {
        return received.get();
    }

    public long recoveries() {
        return recoveries.get();
    }

    /** Counts one message handed to the consumer's route. */
    public void countReceived() {
        received.incrementAndGet();
    }

    void error(String message) {
        lastError = message;
        lastErrorAt = Instant.now();
    }
}
