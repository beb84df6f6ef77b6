package org.switchboard.modem.pdu;

/**
 * A TP address or SMSC address.
 *
 * @param value "+" and digits when international, the digits as given when national/unknown, the text when alphanumeric
 * @param toa   the type-of-address octet (0x91 international, 0x81 unknown/national ISDN, 0xD0 alphanumeric, ...)
 */
public record Address(String value, int toa) {
    /** "international", "national", "alphanumeric" or "unknown" (the JSON contract's addressType). */
    public String addressType() {
        return switch ((toa >> 4) & 0x07) {
            case 1 -> "international";
            case 2 -> "national";
            case 5 -> "alphanumeric";
            default -> "unknown";
        };
    }
}
