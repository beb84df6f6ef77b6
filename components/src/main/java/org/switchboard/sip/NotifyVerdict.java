package org.switchboard.sip;

/**
 * What the consumer makes of one NOTIFY: accepted with its summary, or rejected with the status and reason it answers.
 */
record NotifyVerdict(MessageSummary summary, int statusCode, String reason) {

    static NotifyVerdict accepted(MessageSummary summary) {
        return new NotifyVerdict(summary, 200, null);
    }

    static NotifyVerdict rejected(int statusCode, String reason) {
        return new NotifyVerdict(null, statusCode, reason);
    }

    boolean isAccepted() {
        return summary != null;
    }
}
