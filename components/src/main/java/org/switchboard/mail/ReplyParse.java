package org.switchboard.mail;

import java.util.List;
import java.util.Objects;

import org.switchboard.store.StorableText;

/**
 * What a staff email turned out to be: a reply or a single SMS, a broadcast request, or a mail to reject. Every field
 * is text the database takes: what a mail may carry and PostgreSQL refuses (NUL, lone surrogates) is replaced, and
 * control characters are dropped from the texts that become SMS.
 */
public sealed interface ReplyParse {

    /**
     * A reply to send as SMS.
     *
     * @param from             the sender's address, lower-cased (for the staff allow-list)
     * @param targetNumber     the number from an {@code sms+NUMBER@} recipient (see {@link SmsAddress#numberIn}),
     *                         or null when only the thread can tell
     * @param threadMessageIds In-Reply-To first, then References from the newest back: the ids to look the
     *                         conversation up by
     * @param text             what the staff member typed, without quotes and signature; never empty
     * @param messageId        the reply's own Message-ID, or one derived from its sender, date, subject and text
     *                         when it has none
     */
    record Reply(String from, String targetNumber, List<String> threadMessageIds, String text, String messageId)
            implements ReplyParse {
        public Reply {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(text, "text");
            from = StorableText.replaceUnstorable(from);
            targetNumber = StorableText.replaceUnstorable(targetNumber);
            threadMessageIds = threadMessageIds.stream().map(StorableText::replaceUnstorable).toList();
            text = StorableText.forMessage(text);
            messageId = StorableText.replaceUnstorable(messageId);
        }
    }

    /**
     * A broadcast: to a saved segment ({@code SEGMENT@broadcastDomain}), to contacts picked by a first body line
     * {@code to: school=...; major=IPA}, or both (the line then narrows the segment).
     *
     * @param from       the sender's address, lower-cased
     * @param segment    the segment's name from the address, lower-cased, or null
     * @param filterText what followed {@code to:} on the first line, or null
     * @param template   the text to send, with its {placeholders}; never empty
     * @param messageId  the request's own Message-ID, or one derived from its sender, date, subject and text
     */
    record BroadcastRequest(String from, String segment, String filterText, String template, String messageId)
            implements ReplyParse {
        public BroadcastRequest {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(template, "template");
            if (segment == null && filterText == null) {
                throw new IllegalArgumentException("a broadcast needs a segment or a filter");
            }
            from = StorableText.replaceUnstorable(from);
            segment = StorableText.replaceUnstorable(segment);
            filterText = StorableText.forMessage(filterText);
            template = StorableText.forMessage(template);
            messageId = StorableText.replaceUnstorable(messageId);
        }
    }

    /**
     * A mail that produces no SMS.
     *
     * @param reason why, in plain words: for the journal, and for the bounce when {@code bounce} is set
     * @param bounce whether the sender should be told; false for automatic mail, which is never answered
     */
    record Rejected(String reason, boolean bounce) implements ReplyParse {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            reason = StorableText.replaceUnstorable(reason);
        }
    }
}
