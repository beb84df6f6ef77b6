package org.switchboard.channel.smpp;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.channel.DeliveryState;

/**
 * A delivery receipt an SMSC sent in a deliver_sm (esm_class 0x04): the message_id it is about and the outcome, from
 * the receipted_message_id and message_state TLVs when present, else from the text SMSCs write (SMPP 3.4 appendix
 * B: {@code id:… sub:… dlvrd:… submit date:… done date:… stat:DELIVRD err:000 text:…}), whose fields SMSCs order, case
 * and pad differently.
 */
public record Receipt(String messageId, String stat, DeliveryState state, int err) {
    private static final Pattern ID = Pattern.compile("(?i)\\bid:\\s*([0-9A-Za-z_-]+)");
    private static final Pattern STAT = Pattern.compile("(?i)\\bstat:\\s*([A-Za-z]+)");
    private static final Pattern ERR = Pattern.compile("(?i)\\berr:\\s*([0-9A-Fa-f]+)");
    /** SMPP 3.4 5.2.28 message_state, by value. */
    private static final String[] STATES = { null, "ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD",
        "UNKNOWN", "REJECTD" };

    /**
     * Reads a receipt; empty when neither the TLVs nor the text name the message and its outcome.
     *
     * @param receiptedId  the receipted_message_id TLV, or null
     * @param messageState the message_state TLV, or null
     */
    public static Optional<Receipt> read(String text, String receiptedId, Integer messageState) {
        String body = text == null ? "" : text;
        String id = receiptedId != null && !receiptedId.isBlank() ? receiptedId.strip() : group(ID, body);
        String stat = messageState != null && messageState > 0 && messageState < STATES.length
                ? STATES[messageState] : group(STAT, body);
        if (id == null || stat == null) {
            return Optional.empty();
        }
        stat = stat.toUpperCase(Locale.ROOT);
        String err = group(ERR, body);
        int code = 0;
        if (err != null) {
            try {
                code = Integer.parseInt(err);
            } catch (NumberFormatException e) {
                code = Integer.parseInt(err, 16);
            }
        }
        return Optional.of(new Receipt(id, stat, state(stat), code));
    }

    /** DELIVRD is delivered; ENROUTE and ACCEPTD say it is still on its way; anything else is a failure. */
    static DeliveryState state(String stat) {
        return switch (stat) {
            case "DELIVRD", "DELIVERED" -> DeliveryState.DELIVERED;
            case "ENROUTE", "ACCEPTD", "ACCEPTED", "BUFFRED", "BUFFERED" -> DeliveryState.PENDING;
            default -> DeliveryState.FAILED;
        };
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }
}
