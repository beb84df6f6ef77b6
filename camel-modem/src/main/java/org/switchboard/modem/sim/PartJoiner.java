package org.switchboard.modem.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.switchboard.modem.pdu.Concat;

/** The network's side of concatenated SMS: collects the submitted parts of one message until all have arrived. */
final class PartJoiner {
    /** A complete message. */
    record Joined(String text, int parts, boolean statusReport, boolean ucs2) {
    }

    private record Key(String sender, String destination, int ref, int total) {
    }

    private static final class Parts {
        final String[] texts;
        boolean statusReport;
        boolean ucs2;

        Parts(int total) {
            texts = new String[total];
        }

        boolean complete() {
            for (String t : texts) {
                if (t == null) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Map<Key, Parts> open = new HashMap<>();

    /** Adds one part; returns the whole message when this part completed it (at once for a single-part SMS). */
    synchronized Optional<Joined> add(String sender, String destination, Concat concat, String text,
            boolean statusReport, boolean ucs2) {
        if (concat == null || concat.total() <= 1) {
            return Optional.of(new Joined(text, 1, statusReport, ucs2));
        }
        if (concat.part() < 1 || concat.part() > concat.total()) {
            // A part number outside 1..total cannot be placed: the network passes it on alone.
            return Optional.of(new Joined(text, 1, statusReport, ucs2));
        }
        Key key = new Key(sender, destination, concat.ref(), concat.total());
        Parts parts = open.computeIfAbsent(key, k -> new Parts(concat.total()));
        parts.texts[concat.part() - 1] = text;
        parts.statusReport |= statusReport;
        parts.ucs2 |= ucs2;
        if (!parts.complete()) {
            return Optional.empty();
        }
        open.remove(key);
        return Optional.of(new Joined(String.join("", parts.texts), concat.total(), parts.statusReport, parts.ucs2));
    }
}
