package org.switchboard.store;

/**
 * The row an inbound SMS is stored in; {@code duplicate} when that SMS had been stored before (the modem
 * delivered it again), {@code optOutKeyword} when its text was an opt-out keyword (else null).
 */
public record StoredInbound(long id, boolean duplicate, String optOutKeyword) {

    boolean optOut() {
        return optOutKeyword != null;
    }
}
