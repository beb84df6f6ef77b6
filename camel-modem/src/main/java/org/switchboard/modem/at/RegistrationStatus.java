package org.switchboard.modem.at;

/** The &lt;stat&gt; of +CREG, +CGREG and +CEREG (27.007 §7.2). */
public enum RegistrationStatus {
    NOT_REGISTERED, HOME, SEARCHING, DENIED, UNKNOWN, ROAMING, SMS_ONLY_HOME, SMS_ONLY_ROAMING, EMERGENCY_ONLY,
    CSFB_NOT_PREFERRED_HOME, CSFB_NOT_PREFERRED_ROAMING;

    /** The status for a number; values this enum does not know are UNKNOWN. */
    public static RegistrationStatus of(int stat) {
        RegistrationStatus[] all = values();
        return stat >= 0 && stat < all.length ? all[stat] : UNKNOWN;
    }

    /** Whether the modem can send and receive SMS on the network it is attached to. */
    public boolean registered() {
        return switch (this) {
            case HOME, ROAMING, SMS_ONLY_HOME, SMS_ONLY_ROAMING, CSFB_NOT_PREFERRED_HOME, CSFB_NOT_PREFERRED_ROAMING -> true;
            default -> false;
        };
    }
}
