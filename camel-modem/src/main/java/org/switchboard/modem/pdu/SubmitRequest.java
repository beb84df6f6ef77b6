package org.switchboard.modem.pdu;

import java.util.Objects;
import java.util.Set;

/**
 * What to send: the input of {@link PduCodec#encodeSubmit}.
 *
 * @param destination  "+" and digits (international), digits (national/unknown)
 * @param text         the message; split into concatenated parts when it does not fit one SMS
 * @param forceUcs2    UCS2 even when the text fits the GSM 7-bit alphabet
 * @param statusReport set TP-SRR
 * @param concatRef    the concatenation reference used when the text needs several parts: 0..255 goes in an 8-bit
 *                     reference element, 256..65535 in a 16-bit one
 * @param smsc         SMSC to put in the PDU, or null for an empty SMSC field ("00": the modem's default)
 * @param languages    the national languages whose 23.038 shift tables may be used, when they take fewer parts than
 *                     the default alphabet or UCS2 (empty: never)
 * @param validity     TP-VP, {@link ValidityPeriod#NONE} for the SMSC's default
 */
public record SubmitRequest(String destination, String text, boolean forceUcs2, boolean statusReport, int concatRef,
        String smsc, Set<NationalLanguage> languages, ValidityPeriod validity) {

    public SubmitRequest {
        languages = languages == null ? Set.of() : Set.copyOf(languages);
        validity = Objects.requireNonNullElse(validity, ValidityPeriod.NONE);
    }

    /** No national tables, no validity period. */
    public SubmitRequest(String destination, String text, boolean forceUcs2, boolean statusReport, int concatRef,
            String smsc) {
        this(destination, text, forceUcs2, statusReport, concatRef, smsc, Set.of(), ValidityPeriod.NONE);
    }

    public static SubmitRequest of(String destination, String text) {
        return new SubmitRequest(destination, text, false, false, 0, null);
    }

    /** This request with national languages allowed. */
    public SubmitRequest withLanguages(Set<NationalLanguage> allowed) {
        return new SubmitRequest(destination, text, forceUcs2, statusReport, concatRef, smsc, allowed, validity);
    }

    /** This request with a validity period. */
    public SubmitRequest withValidity(ValidityPeriod period) {
        return new SubmitRequest(destination, text, forceUcs2, statusReport, concatRef, smsc, languages, period);
    }
}
