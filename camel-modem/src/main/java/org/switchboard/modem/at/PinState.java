package org.switchboard.modem.at;

/** What AT+CPIN? says the SIM waits for. */
public enum PinState {
    READY, SIM_PIN, SIM_PUK, SIM_PIN2, SIM_PUK2, PH_SIM_PIN,
    /** Any other code (PH-NET PIN, NOT INSERTED, ...): the SIM is not usable without help. */
    OTHER
}
