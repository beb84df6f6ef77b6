package org.switchboard.smpp;

/**
 * Which part of a long message a submit_sm carries: the sender's reference for the message, how many parts it has,
 * and this part's number (from 1), from a UDH concatenation element or the SAR parameters.
 */
public record SubmitPart(int ref, int total, int seq) {
    public SubmitPart {
        if (total < 2 || seq < 1 || seq > total) {
            throw new IllegalArgumentException("part " + seq + " of " + total);
        }
    }
}
