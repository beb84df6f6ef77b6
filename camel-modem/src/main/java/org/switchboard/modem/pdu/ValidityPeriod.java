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

    /** The longest relative period: 63 weeks (TP-VP 255). */
    public static final Duration LONGEST_RELATIVE = Duration.ofDays(63 * 7);

    /**
     * The relative TP-VP (23.040 9.2.3.12.1) for {@code period}: the longest one the format can say that is not
     * longer than asked (its steps are 5 minutes up to 12 hours, 30 minutes up to a day, days up to 30, then weeks),
     * but at least 5 minutes; at most 63 weeks.
     *
     * @throws IllegalArgumentException when {@code period} is zero or negative
     */
    public static ValidityPeriod relative(Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a validity period must be positive: " + period);
        }
        long minutes = period.toMinutes();
        int vp;
        if (minutes <= 12 * 60) {
            vp = (int) Math.max(0, minutes / 5 - 1);
        } else if (minutes < 24 * 60) {
            vp = 143 + (int) ((minutes - 12 * 60) / 30);
        } else if (minutes < 2 * 24 * 60) {
            vp = 167; // 24 hours: days begin at two
        } else if (minutes < 35 * 24 * 60) {
            vp = 166 + (int) Math.min(30, minutes / (24 * 60));
        } else {
            vp = 192 + (int) Math.min(63, minutes / (7 * 24 * 60));
        }
        return new ValidityPeriod(Format.RELATIVE, new byte[] { (byte) vp });
    }

    /** TP-VPF's bits in the first octet of an SMS-SUBMIT (bits 4 and 3). */
    int firstOctetBits() {
        return switch (format) {
            case NONE -> 0;
            case ENHANCED -> 0x08;
            case RELATIVE -> 0x10;
            case ABSOLUTE -> 0x18;
        };
    }

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
