package org.switchboard.channel;

import java.util.List;
import java.util.Objects;

/**
 * What a channel answers for a message the network took: the line that carried it and each part's reference, by
 * which its status reports will name it (a modem's {@code gsm1:17}, an SMSC's message_id).
 */
public record Submitted(String line, List<String> partReferences) {
    public Submitted {
        Objects.requireNonNull(line, "line");
        partReferences = List.copyOf(partReferences);
        if (partReferences.isEmpty()) {
            throw new IllegalArgumentException("a submitted message has at least one part");
        }
    }

    public int parts() {
        return partReferences.size();
    }
}
