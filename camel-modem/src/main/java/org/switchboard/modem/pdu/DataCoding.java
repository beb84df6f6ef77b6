package org.switchboard.modem.pdu;

/** TP-DCS (3GPP TS 23.038 section 4): the character set, message class and message-waiting groups it encodes. */
final class DataCoding {
    static final int GSM7 = 0x00;
    static final int EIGHT_BIT = 0x04;
    static final int UCS2 = 0x08;

    private DataCoding() {
    }

    /** The character set; reserved codings read as the default alphabet, as 23.038 asks of a receiver. */
    static Encoding encoding(int dcs) throws PduException {
        int group = dcs >>> 4;
        if (group < 0x8) {
            if ((dcs & 0x20) != 0) {
                throw new PduException(String.format("compressed user data (TP-DCS 0x%02X) is not supported", dcs));
            }
            return alphabet((dcs >>> 2) & 0x03);
        }
        return switch (group) {
            case 0xE -> Encoding.UCS2;
            case 0xF -> (dcs & 0x04) != 0 ? Encoding.EIGHT_BIT : Encoding.GSM7;
            default -> Encoding.GSM7;
        };
    }

    private static Encoding alphabet(int bits) {
        return switch (bits) {
            case 1 -> Encoding.EIGHT_BIT;
            case 2 -> Encoding.UCS2;
            default -> Encoding.GSM7;
        };
    }

    /** Message class 0..3, or -1 when the DCS gives none. */
    static int messageClass(int dcs) {
        int group = dcs >>> 4;
        if (group < 0x8 && (dcs & 0x10) != 0 || group == 0xF) {
            return dcs & 0x03;
        }
        return -1;
    }

    /** The message-waiting indication of DCS groups 1100, 1101 and 1110, or null for other groups. */
    static MessageWaiting messageWaiting(int dcs) {
        int group = dcs >>> 4;
        if (group < 0xC || group > 0xE) {
            return null;
        }
        return new MessageWaiting(group == 0xC, (dcs & 0x08) != 0, dcs & 0x03);
    }

    static int forEncoding(Encoding encoding) {
        return switch (encoding) {
            case GSM7 -> GSM7;
            case UCS2 -> UCS2;
            case EIGHT_BIT -> EIGHT_BIT;
        };
    }
}
