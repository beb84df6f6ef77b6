package org.switchboard.hub.channels;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.switchboard.channel.Channels;
import org.switchboard.channel.SmsChannel;
import org.switchboard.store.GroupCommit;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.OutboundSms;

/**
 * The outbound queue as the lines of one channel use it: the claims of the lines that come for work at once are made
 * in one statement, and likewise the SMS they finish at once are marked sent in one. Each line still claims one SMS and
 * waits for it, so what a dispatcher holds and what a crash can leave SENDING are as before; only the round trips and
 * commits are shared. It matters for a channel of many lines (an SMPP bind's window of 50 is 50 lines, each claiming
 * and marking on its own cost two commits an SMS), and costs a modem pool nothing it would notice.
 */
public final class ChannelQueue implements AutoCloseable {
    private final OutboundQueue queue;
    private final GroupCommit<String, Optional<OutboundSms>> claims;
    private final GroupCommit<OutboundQueue.Sent, Boolean> marks;

    public ChannelQueue(OutboundQueue queue, Channels channels, SmsChannel channel) {
        this.queue = queue;
        int lines = channel.lines().size();
        // one writer each: a group forms while the previous one is in the database; capacity for every line at once
        this.claims = new GroupCommit<>("claim-" + channel.id(), waiting -> queue.claim(channel.id(), waiting,
                OffsetDateTime.now(), channels.claimFilter(channel.id())), 1, lines, lines);
        this.marks = new GroupCommit<>("sent-" + channel.id(), queue::markSent, 1, lines, lines);
    }

    /** The queue itself, for what each line does alone (a retry, a requeue, a failure). */
    OutboundQueue queue() {
        return queue;
    }

    /** The next due SMS for {@code line}, SENDING on it; empty when none is due. */
    Optional<OutboundSms> claim(String line) throws InterruptedException {
        return claims.commitOne(line);
    }

    /** Marks the SMS sent; false unless it was SENDING or PENDING. */
    boolean markSent(OutboundQueue.Sent sent) {
        try {
            return marks.commitOne(sent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while marking SMS " + sent.id() + " sent", e);
        }
    }

    @Override
    public void close() {
        claims.close();
        marks.close();
    }
}
