package org.switchboard.contacts;

/** How many contacts a filter matches, and how many of those opted out (STOP) and so will not be texted. */
public record Reach(long contacts, long optedOut) {

    /** The contacts a broadcast to this filter would text. */
    public long reachable() {
        return contacts - optedOut;
    }
}
