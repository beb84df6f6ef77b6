package org.switchboard.store;

import java.time.OffsetDateTime;

/** The email thread of one number: the Message-ID it started with and the latest one, for In-Reply-To/References. */
public record Conversation(String number, String rootMessageId, String lastMessageId, OffsetDateTime updatedAt) {
}
