package org.switchboard.contacts;

/** A filter text staff typed that cannot be read; the message says what is wrong in words they understand. */
public class InvalidFilterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidFilterException(String message) {
        super(message);
    }
}
