package org.switchboard.channel.smpp;

import java.math.BigInteger;
import java.util.Locale;

/**
 * How an SMSC writes a message_id, in submit_sm_resp and in its receipts: as it likes (a string compared as is), or as
 * a number in decimal or in hex. SMSCs differ, and some write the same id in hex in one and in decimal in the other
 * (Kannel's msg-id-type); each number is kept in one canonical form, decimal, so that the receipt finds its part.
 */
public enum MessageIdBase {
    STRING, DECIMAL, HEX;

    /** The id as the hub keeps it: a number in decimal without leading zeros, a string as given. */
    public String canonical(String id) {
        String s = id.strip();
        if (this == STRING || s.isEmpty()) {
            return s;
        }
        try {
            return new BigInteger(s, this == HEX ? 16 : 10).toString();
        } catch (NumberFormatException e) {
            return s; // not the number the settings promised: compared as is, and found only if it matches so
        }
    }

    public static MessageIdBase parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no message_id base " + text + " (string, decimal or hex)", e);
        }
    }
}
