package org.switchboard.sip;

/** A body that is not an RFC 3842 message summary; the message says what is wrong with it. */
public class MalformedSummaryException extends Exception {

    public MalformedSummaryException(String message) {
        super(message);
    }
}
