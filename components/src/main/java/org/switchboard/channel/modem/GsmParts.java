package org.switchboard.channel.modem;

import java.util.Set;

import org.switchboard.channel.PartCounter;
import org.switchboard.modem.pdu.NationalLanguage;
import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.pdu.PduException;
import org.switchboard.modem.pdu.SubmitRequest;

/**
 * Parts as a GSM modem sends a text: GSM 7-bit when every character is in the default alphabet or its extension
 * table, else UCS2; in a national language's shift tables instead when the modem allows that language and it takes
 * fewer parts; concatenated with an 8-bit reference beyond one part (3GPP TS 23.040, 23.038). It asks the encoder
 * the modem uses, so the count is what goes out.
 */
public final class GsmParts implements PartCounter {
    /** Any valid number: how many parts a text takes does not depend on whom it goes to. */
    private static final String ANY_RECIPIENT = "+10000000000";

    private final Set<NationalLanguage> languages;

    /** Parts without national tables. */
    public GsmParts() {
        this(Set.of());
    }

    /** Parts with the shift tables of {@code languages} allowed. */
    public GsmParts(Set<NationalLanguage> languages) {
        this.languages = Set.copyOf(languages);
    }

    @Override
    public int parts(String recipient, String text) {
        try {
            return PduCodec.encodeSubmit(SubmitRequest.of(recipient == null ? ANY_RECIPIENT : recipient, text)
                    .withLanguages(languages)).size();
        } catch (PduException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
