package org.switchboard.voicemail;

/**
 * What one NOTIFY means for the owner: {@code notifyOwner} when the new count rose above the count last notified.
 * {@code notification} numbers the mailbox's notifications (1, 2, ...; the last one when {@code notifyOwner} is false):
 * it goes into the notification email's Message-ID. {@code notifyId} is the stored NOTIFY's row id.
 */
public record Decision(boolean notifyOwner, String mailbox, VoicemailCounts counts, long notification, long notifyId,
        String reason) {
}
