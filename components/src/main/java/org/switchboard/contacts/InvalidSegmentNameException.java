package org.switchboard.contacts;

/** A segment name that cannot be used (it is also an email address's local part); the message says what is allowed. */
public class InvalidSegmentNameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSegmentNameException(String message) {
        super(message);
    }
}
