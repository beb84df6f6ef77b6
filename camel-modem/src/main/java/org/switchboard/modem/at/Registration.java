package org.switchboard.modem.at;

/**
 * A network registration state, from the answer to AT+CREG? (and +CGREG/+CEREG) or from the URC.
 *
 * @param mode   the &lt;n&gt; the answer reports, or -1 for a URC (which does not carry it)
 * @param status the registration status
 * @param lac    location (or tracking) area code in hex, or null
 * @param ci     cell id in hex, or null
 * @param act    access technology, or -1
 */
public record Registration(int mode, RegistrationStatus status, String lac, String ci, int act) {
}
