package org.switchboard.voicemail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One voicemail in Asterisk's spool, from its {@code msgNNNN.txt}: message number, caller, date, duration and the audio
 * file (null when no audio file exists next to the text file).
 */
public record Recording(String mailbox, int messageNumber, Path audio, CallerId caller, Instant date, Duration duration,
        String msgId, String category, String flag) {

    /** "msg0003": the spool's file name without extension. */
    public String baseName() {
        return String.format(Locale.ROOT, "msg%04d", messageNumber);
    }

    /** The extension of the audio file as found: wav, WAV (wav49) or gsm. */
    public String audioFormat() {
        if (audio == null) {
            return "";
        }
        String name = audio.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    public boolean urgent() {
        return flag != null && flag.equalsIgnoreCase("Urgent");
    }

    /** "0:05", as Asterisk's emails write a duration. */
    public String durationText() {
        long s = duration.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
