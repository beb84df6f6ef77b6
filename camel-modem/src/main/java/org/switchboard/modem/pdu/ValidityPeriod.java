package org.switchboard.modem.pdu;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * TP-VP of an SMS-SUBMIT in whichever of its formats TP-VPF chose (23.040 9.2.3.12).
 *
 * @param format the format
 * @param octets the raw octets: none, one (relative) or seven (absolute, enhanced)
 */
public record ValidityPeriod(Format format, byte[] octets) {
    /** No validity period: the SMSC's default applies. */
    public static final ValidityPeriod NONE = new ValidityPeriod(Format.NONE, new byte[0]);

    /** TP-VPF. */
    public enum Format { NONE, RELATIVE, ENHANCED, ABSOLUTE }

    /** The relative period, or null for other formats. */
    public Duration relative() {
        if (format != Format.RELATIVE) {
            return null;
        }
        int v = octets[0] & 0xFF;
        if (v <= 143) {
            return Duration.ofMinutes((v + 1) * 5L);
        }
        if (v <= 167) {
            return Duration.ofHours(12).plusMinutes((v - 143) * 30L);
        }
        return v <= 196 ? Duration.ofDays(v - 166L) : Duration.ofDays((v - 192L) * 7);
    }

    /** The absolute expiry, or null for other formats or an invalid date. */
    public OffsetDateTime absolute() {
        return format == Format.ABSOLUTE ? SemiOctets.readTimestamp(octets, 0) : null;
    }
}
