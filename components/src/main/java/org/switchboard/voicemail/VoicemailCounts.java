package org.switchboard.voicemail;

/** The voice-message counts of one message-summary NOTIFY (RFC 3842's Voice-Message: new/old (urgent new/urgent old)). */
public record VoicemailCounts(int newCount, int oldCount, int urgentNew, int urgentOld) {

    public VoicemailCounts {
        if (newCount < 0 || oldCount < 0 || urgentNew < 0 || urgentOld < 0) {
            throw new IllegalArgumentException("negative voicemail count: " + newCount + "/" + oldCount + " ("
                    + urgentNew + "/" + urgentOld + ")");
        }
    }

    VoicemailCounts(int newCount, int oldCount) {
        this(newCount, oldCount, 0, 0);
    }

    /** "2 new voicemails in mailbox 1001 (8 old)", with the urgent counts when there are any. */
    public String summary(String mailbox) {
        StringBuilder b = new StringBuilder();
        b.append(newCount).append(newCount == 1 ? " new voicemail" : " new voicemails");
        if (urgentNew > 0) {
            b.append(" (").append(urgentNew).append(" urgent)");
        }
        b.append(" in mailbox ").append(mailbox).append(" (").append(oldCount).append(" old");
        if (urgentOld > 0) {
            b.append(", ").append(urgentOld).append(" urgent");
        }
        return b.append(')').toString();
    }
}
