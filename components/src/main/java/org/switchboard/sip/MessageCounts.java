package org.switchboard.sip;

/** Counts of one message class in an RFC 3842 summary: new and old messages, and how many of each are urgent. */
public record MessageCounts(int newCount, int oldCount, int urgentNew, int urgentOld) {

    public static final MessageCounts NONE = new MessageCounts(0, 0, 0, 0);

    public MessageCounts {
        if (newCount < 0 || oldCount < 0 || urgentNew < 0 || urgentOld < 0) {
            throw new IllegalArgumentException("message counts cannot be negative");
        }
    }

    @Override
    public String toString() {
        return newCount + "/" + oldCount + " (" + urgentNew + "/" + urgentOld + ")";
    }
}
