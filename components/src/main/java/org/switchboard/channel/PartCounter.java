package org.switchboard.channel;

/** How many SMS parts a text takes to a recipient: the one question about encodings the hub above channels asks. */
@FunctionalInterface
public interface PartCounter {

    /** @throws IllegalArgumentException when the text cannot be sent as SMS at all, with why */
    int parts(String recipient, String text);
}
