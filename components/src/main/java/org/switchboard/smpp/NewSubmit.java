package org.switchboard.smpp;

import java.util.Objects;

/**
 * A submit_sm the server accepted, read: who sent it, from and to which addresses as given ({@code destAddr}) and
 * as the hub sends to ({@code recipient}, E.164), whether a receipt is wanted (registered_delivery), the data_coding
 * it came in, its text, and for a part of a long message which part.
 */
public record NewSubmit(String systemId, String sourceAddr, String destAddr, String recipient, int registeredDelivery,
        int dataCoding, String text, SubmitPart part) {

    public NewSubmit {
        Objects.requireNonNull(systemId, "systemId");
        sourceAddr = sourceAddr == null ? "" : sourceAddr;
        Objects.requireNonNull(destAddr, "destAddr");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(text, "text");
    }
}
