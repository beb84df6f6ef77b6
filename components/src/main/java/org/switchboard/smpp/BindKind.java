package org.switchboard.smpp;

import java.util.Locale;

/** The three ways an application binds: to submit, to receive (receipts, MO), or both on one session. */
public enum BindKind {
    TRANSMITTER, RECEIVER, TRANSCEIVER;

    /** As stored and shown: transmitter, receiver, transceiver. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a session bound so may be sent deliver_sm. */
    public boolean receives() {
        return this != TRANSMITTER;
    }

    /** Whether a session bound so may submit. */
    public boolean transmits() {
        return this != RECEIVER;
    }

    /** Reads transmitter, receiver, transceiver (or tx, rx, trx), in any case. */
    public static BindKind parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "transmitter", "tx" -> TRANSMITTER;
            case "receiver", "rx" -> RECEIVER;
            case "transceiver", "trx" -> TRANSCEIVER;
            default -> throw new IllegalArgumentException("no bind type " + text
                    + " (transmitter, receiver or transceiver)");
        };
    }
}
