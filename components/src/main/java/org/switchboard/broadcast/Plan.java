package org.switchboard.broadcast;

import java.util.List;

/** The outcome of {@link BroadcastPlanner#plan}: every SMS stored, or nothing stored and the reason why. */
public sealed interface Plan {

    /**
     * The broadcast and one outbound row per recipient are stored.
     *
     * @param recipients  SMS stored (one per distinct valid number)
     * @param optedOut    matching contacts left out because they opted out
     * @param invalid     matching contacts left out because their number is no real number
     * @param duplicates  matching contacts left out because their number (normalised) already had an SMS
     * @param totalParts  SMS parts over all recipients
     * @param maxParts    the most parts one recipient's message takes
     * @param samples     the first three rendered messages, in contact order
     * @param existing    the request had been planned before (same sourceRef): these are the first plan's figures
     */
    record Planned(long broadcastId, int recipients, int optedOut, int invalid, int duplicates, long totalParts,
            int maxParts, List<Sample> samples, boolean existing) implements Plan {

        public Planned {
            samples = List.copyOf(samples);
        }
    }

    /**
     * Nothing was stored.
     *
     * @param reason  one sentence for the staff
     * @param missing per placeholder some recipients lack: how many lack it and a few of them; empty when the
     *                refusal has another cause (no recipient, an unreadable template, a text too long for SMS)
     */
    record Refused(String reason, List<MissingPlaceholder> missing) implements Plan {

        public Refused {
            missing = List.copyOf(missing);
        }
    }

    /** One recipient's message as it will be sent. */
    record Sample(String number, String name, String text, int parts) {
    }

    /** A placeholder that {@code recipients} recipients have no value for, with up to three of them. */
    record MissingPlaceholder(String placeholder, int recipients, List<Recipient> examples) {

        public MissingPlaceholder {
            examples = List.copyOf(examples);
        }
    }

    /** A contact, as named in a refusal. */
    record Recipient(String number, String name) {
    }
}
