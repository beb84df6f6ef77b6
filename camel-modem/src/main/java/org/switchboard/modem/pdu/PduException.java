package org.switchboard.modem.pdu;

/** A PDU that cannot be decoded or encoded; the message says why in one line. */
public class PduException extends Exception {
    public PduException(String message) {
        super(message);
    }

    public PduException(String message, Throwable cause) {
        super(message, cause);
    }
}
