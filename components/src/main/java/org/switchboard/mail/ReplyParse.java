package org.switchboard.mail;

import java.util.List;
import java.util.Objects;

/** What a staff email turned out to be: a reply to send as SMS, or a mail to reject. */
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
     * @param messageId        the reply's own Message-ID, or null when it has none
     */
    record Reply(String from, String targetNumber, List<String> threadMessageIds, String text, String messageId)
            implements ReplyParse {
        public Reply {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(text, "text");
            threadMessageIds = List.copyOf(threadMessageIds);
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
        }
    }
}
