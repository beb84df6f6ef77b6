package org.switchboard.broadcast;

import java.time.Duration;

/** How long a broadcast takes on the channels: parts spread evenly over the lines ready now, each at its rate. */
public final class SendEstimate {

    private SendEstimate() {
    }

    /**
     * @param totalParts     SMS parts to send
     * @param readyLines     lines that can send now; none gives an empty estimate
     * @param secondsPerPart how long one line takes per part (its rate limit or measured pace)
     * @return the time to send every part, rounded up to whole seconds; empty without a ready line
     */
    public static java.util.Optional<Duration> duration(long totalParts, int readyLines, double secondsPerPart) {
        if (totalParts < 0 || secondsPerPart < 0 || Double.isNaN(secondsPerPart)) {
            throw new IllegalArgumentException("negative parts or rate: " + totalParts + ", " + secondsPerPart);
        }
        if (readyLines <= 0) {
            return java.util.Optional.empty();
        }
        long perLine = (totalParts + readyLines - 1) / readyLines;
        return java.util.Optional.of(Duration.ofSeconds((long) Math.ceil(perLine * secondsPerPart)));
    }

    /** A duration in words for an email: "about 2 h 5 min", "about 40 min", "about 30 s". */
    public static String inWords(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h " + minutes % 60 + " min";
    }
}
