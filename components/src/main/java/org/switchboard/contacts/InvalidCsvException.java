package org.switchboard.contacts;

/** A CSV file that cannot be imported at all (no header, no number column, broken quoting); nothing was imported. */
public class InvalidCsvException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidCsvException(String message) {
        super(message);
    }

    public InvalidCsvException(String message, Throwable cause) {
        super(message, cause);
    }
}
