package org.switchboard.contacts;

/** A contact's new number is another contact's already: one number, one contact. */
public class NumberTakenException extends RuntimeException {

    private final long otherContact;

    public NumberTakenException(String number, long otherContact) {
        super(number + " is the number of contact #" + otherContact);
        this.otherContact = otherContact;
    }

    long otherContact() {
        return otherContact;
    }
}
