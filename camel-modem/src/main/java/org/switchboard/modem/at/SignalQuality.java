package org.switchboard.modem.at;

import java.util.OptionalInt;

/**
 * The answer to AT+CSQ.
 *
 * @param rssi 0..31 (GSM/UMTS), 100..191 (TD-SCDMA), 99 or 199 when not known
 * @param ber  channel bit error rate 0..7, 99 when not known
 */
public record SignalQuality(int rssi, int ber) {

    boolean known() {
        return (rssi >= 0 && rssi <= 31) || (rssi >= 100 && rssi <= 191);
    }

    /** The received signal strength in dBm per 27.007 (0 is -113 dBm or less, 31 is -51 dBm or more). */
    OptionalInt dbm() {
        if (rssi >= 0 && rssi <= 31) {
            return OptionalInt.of(-113 + 2 * rssi);
        }
        if (rssi >= 100 && rssi <= 191) {
            return OptionalInt.of(rssi - 216);
        }
        return OptionalInt.empty();
    }
}
