package org.switchboard.channel.modem;

import org.switchboard.channel.PartCounter;
import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.pdu.PduException;
import org.switchboard.modem.pdu.SubmitRequest;

/**
 * Parts as a GSM modem sends a text: GSM 7-bit when every character is in the default alphabet or its extension
 * table, else UCS2; concatenated with an 8-bit reference beyond one part (3GPP TS 23.040, 23.038).
 */
public final class GsmParts implements PartCounter {
    /** Any valid number: how many parts a text takes does not depend on whom it goes to. */
    private static final String ANY_RECIPIENT = "+10000000000";

    @Override
    public int parts(String recipient, String text) {
        try {
            return PduCodec.encodeSubmit(SubmitRequest.of(recipient == null ? ANY_RECIPIENT : recipient, text)).size();
        } catch (PduException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
