package org.switchboard.store;

/**
 * The row an inbound SMS is stored in; {@code duplicate} when that SMS had been stored before (the modem
 * delivered it again), {@code optOutKeyword} when its text was an opt-out keyword (else null), {@code routedTo} what
 * the MO routing handed it to instead of the help desk (else null).
 */
public record StoredInbound(long id, boolean duplicate, String optOutKeyword, String routedTo) {

    public StoredInbound(long id, boolean duplicate, String optOutKeyword) {
        this(id, duplicate, optOutKeyword, null);
    }

    boolean optOut() {
        return optOutKeyword != null;
    }
}
