package org.switchboard.hub.channels;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.scheduler;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.channel.Channels;
import org.switchboard.channel.LineState;
import org.switchboard.channel.MessageKind;
import org.switchboard.channel.OutboundMessage;
import org.switchboard.channel.SmsChannel;
import org.switchboard.channel.SubmitFailure;
import org.switchboard.channel.Submitted;
import org.switchboard.dispatch.ClaimPacer;
import org.switchboard.dispatch.LinePause;
import org.switchboard.dispatch.RetryPolicy;
import org.switchboard.hub.monitor.DispatchLatency;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.OutboundSms;

/**
 * One channel line's dispatcher (a modem of the modem channel): claims the next due SMS its channel may carry from the
 * outbound queue just before handing it to the line, one at a time, so a free line takes the next row and a reply waits
 * at most for the SMS each line has in hand. Routing happens here, at the claim ({@link Channels#claimFilter}): a line
 * that is down claims nothing and leaves its share to the others. A line fault puts the SMS back for the other lines
 * and pauses this dispatcher until its line is healthy again; a channel that cannot carry the message hands it to the
 * other channels for a while; a recipient-side failure is retried later or fails the SMS, as {@link RetryPolicy}
 * decides. An outcome the database would not take is kept and recorded again before this dispatcher claims anything
 * else, so a line never has more than one SMS SENDING.
 */
public final class DispatchRoute extends RouteBuilder {
    /**
     * How a dispatcher works: the idle poll, the retry policy, the pause after a line fault (first, longest), the
     * most SMS a minute per line (0: no limit), and how long a channel that could not carry a message leaves it to the
     * others.
     */
    public record Options(long pollMillis, RetryPolicy retries, Duration firstLinePause, Duration maxLinePause,
            int maxPerMinute) {
    }

    private static final String SMS = "SwitchboardOutboundSms";
    private static final String FAILURE = "SwitchboardSendFailure";
    private static final String DECISION = "SwitchboardRetryDecision";
    private static final String DELAY = "SwitchboardRetryDelay";
    private static final String SUBMITTED = "SwitchboardSubmitted";

    private final Channels channels;
    private final SmsChannel channel;
    private final String line;
    private final OutboundQueue queue;
    private final ChannelQueue lines;
    private final Options options;
    private final String routeId;
    private final DispatchLatency latency;
    // The dispatcher's own state, touched only by its scheduler thread (one thread per scheduler name).
    private final LinePause pause;
    private final ClaimPacer pacer;
    private final IdleGate idle;
    // What became of the last SMS when the database refused to record it; null when recorded.
    private Outcome unrecorded;

    /** What became of a claimed SMS, as the queue records it: sent, requeued, retried later or failed. */
    private record Outcome(long sms, String what, Runnable recording) {
    }

    /**
     * @param lines   the channel's lines at the queue (their claims and sent marks grouped), shared by them all
     * @param latency where the time from queued to sent of each SMS this dispatcher sends is recorded
     */
    public DispatchRoute(Channels channels, SmsChannel channel, String line, ChannelQueue lines, Options options,
            DispatchLatency latency) {
        this(channels, channel, line, lines, options, latency, new IdleGate(options.pollMillis(), 1));
    }

    /** @param idle what the empty claims of the channel's lines say, shared by them all */
    public DispatchRoute(Channels channels, SmsChannel channel, String line, ChannelQueue lines, Options options,
            DispatchLatency latency, IdleGate idle) {
        this.idle = idle;
        this.channels = channels;
        this.channel = channel;
        this.line = line;
        this.latency = latency;
        this.lines = lines;
        this.queue = lines.queue();
        this.options = options;
        this.routeId = "dispatch-" + line;
        this.pause = new LinePause(options.firstLinePause(), options.maxLinePause());
        this.pacer = new ClaimPacer(options.maxPerMinute());
    }

    @Override
    public void configure() {
        // greedy: after a poll that claimed an SMS the next poll runs at once, so a busy queue has no pause between SMS;
        // a poll that claims nothing says so (SCHEDULER_POLLED_MESSAGES, see claim) and the next one waits pollMillis.
        from(scheduler(routeId).initialDelay(firstPollDelay()).greedy(true).delay(options.pollMillis()).advanced()
                .synchronous(true))
                .routeId(routeId)
                .process(this::claim)
                .filter(exchangeProperty(SMS).isNotNull())
                    .doTry()
                        .step(Journal.stepId(routeId, "sent"))
                            .process(this::submit)
                            .process(this::markSent)
                        .end()
                    .endDoTry().doCatch(SubmitFailure.class)
                        .process(this::judge)
                        .choice()
                            .when(exchangeProperty(DECISION).isEqualTo(RetryPolicy.Action.REQUEUE))
                                .step(Journal.stepId(routeId, "requeued")).process(this::requeue).end().endChoice()
                            .when(exchangeProperty(DECISION).isEqualTo(RetryPolicy.Action.RETRY))
                                .step(Journal.stepId(routeId, "retry-scheduled")).process(this::retryLater).end().endChoice()
                            .otherwise()
                                .step(Journal.stepId(routeId, "failed")).process(this::fail).end().endChoice()
                        .end()
                    .end()
                .end();
    }

    /**
     * The lines' idle polls spread over one poll period (line i of n waits i/n of it), so that an SMS queued on an idle
     * hub is claimed within a fraction of pollMillis. All lines start together: with no delay their polls ran in
     * phase, and the first SMS of a burst waited for a whole period.
     */
    private long firstPollDelay() {
        List<String> all = channels.all().stream().flatMap(c -> c.lines().stream()).toList();
        int index = Math.max(0, all.indexOf(line));
        return options.pollMillis() * index / Math.max(1, all.size());
    }

    private void claim(Exchange exchange) throws InterruptedException {
        // Idle unless a row is claimed below; also when the claim throws (the database away), so that an outage is
        // retried once a poll rather than in a tight loop.
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, false);
        if (unrecorded != null && !recordAgain()) {
            return;
        }
        long now = System.nanoTime();
        if (pause.paused()) {
            if (!pause.checkDue(now)) {
                return;
            }
            if (!channel.probe(line)) {
                pause.fault(now);
                log.info("Line {} of channel {} still unhealthy ({}); next check in {} ms", line, channel.id(),
                        channel.line(line).reason(), pause.current().toMillis());
                return;
            }
            log.info("Line {} of channel {} looks healthy again; claiming SMS", line, channel.id());
            pause.resume();
        } else {
            if (!idle.mayClaim(now)) {
                return; // another line of the channel found nothing a moment ago; its own state can wait a poll
            }
            LineState state = channel.line(line);
            if (state.state() == LineState.State.STARTING) {
                return; // still coming up for the first time: not a fault, only not yet able to send
            }
            if (!state.ready()) {
                // Cheap (the line's own view); a line known to be down claims nothing.
                pause.fault(now);
                log.warn("Line {} of channel {} is down ({}); it claims no SMS, next check in {} ms", line, channel.id(),
                        state.reason(), pause.current().toMillis());
                return;
            }
        }
        long wait = pacer.waitNanos(now);
        if (wait > 0) {
            if (wait > TimeUnit.MILLISECONDS.toNanos(options.pollMillis())) {
                return;
            }
            // The last stretch is waited here, so the pacing is exact rather than rounded up to the poll.
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        Optional<OutboundSms> claimed = lines.claim(line);
        if (claimed.isEmpty()) {
            idle.empty(System.nanoTime());
            return;
        }
        idle.found();
        pacer.claimed(System.nanoTime());
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, true);
        OutboundSms sms = claimed.get();
        exchange.setProperty(SMS, sms);
        exchange.setProperty(Journal.MESSAGE_KIND, JournalKind.OUTBOUND_SMS.value());
        exchange.setProperty(Journal.MESSAGE_ID, sms.id());
    }

    private void submit(Exchange exchange) throws SubmitFailure {
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        OutboundMessage message = new OutboundMessage(sms.id(), sms.recipient(), sms.text(), MessageKind.of(sms.kind()),
                // the network's status report tells whether the SMS reached the phone (StatusReportRoute records it)
                true, sms.possibleDuplicate(), sms.expiresAt());
        try {
            exchange.setProperty(SUBMITTED, channel.submit(line, message));
        } catch (RuntimeException e) {
            // Not classified by the channel: nothing says the recipient is at fault, nor that it is final.
            throw new SubmitFailure(String.valueOf(e), SubmitFailure.Retry.HERE, false, null, false, e);
        }
    }

    /**
     * Records the outcome under {@code what}; when the database refuses, keeps it for {@link #recordAgain} and claims
     * nothing until it is recorded: the row stays SENDING meanwhile, and claiming on would leave it so until the next
     * start, which sends it again (and the broadcast's report waits for it).
     */
    private boolean record(long sms, String what, Runnable recording) {
        unrecorded = new Outcome(sms, what, recording);
        return recordAgain();
    }

    private boolean recordAgain() {
        Outcome o = unrecorded;
        try {
            o.recording().run();
            unrecorded = null;
            return true;
        } catch (RuntimeException e) {
            log.error("Line {}: SMS {} {} but the database did not record it ({}); it claims nothing until that is"
                    + " recorded, tried again each poll", line, o.sms(), o.what(), e.getMessage());
            return false;
        }
    }

    private void markSent(Exchange exchange) {
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        Submitted sent = exchange.getProperty(SUBMITTED, Submitted.class);
        if (pause.recovered()) {
            log.info("Line {} of channel {} is sending again", line, channel.id());
        }
        boolean recorded = record(sms.id(), "was sent",
                () -> lines.markSent(new OutboundQueue.Sent(sms.id(), channel.id(), sent.line(), sent.partReferences())));
        latency.sent(sent.line(), sms);
        exchange.setProperty(Journal.DETAIL, "to " + sms.recipient() + " via channel " + channel.id() + " line "
                + sent.line() + ", " + sent.parts() + " part(s), references " + sent.partReferences()
                + (sms.possibleDuplicate() ? ", possibly a duplicate" : "")
                + (recorded ? "" : "; not yet recorded (database)"));
    }

    /** Judges the channel's failure and decides. */
    private void judge(Exchange exchange) {
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        SubmitFailure failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, SubmitFailure.class);
        RetryPolicy.Decision decision = options.retries().decide(failure, sms.attempts(), sms.requeues(),
                sms.possibleDuplicate());
        if (decision.reason() != null) {
            failure = new SubmitFailure(decision.reason(), SubmitFailure.Retry.PERMANENT, failure.lineFault(),
                    failure.code(), failure.possiblySent(), failure);
        }
        exchange.setProperty(FAILURE, failure);
        exchange.setProperty(DELAY, decision.delay());
        exchange.setProperty(DECISION, decision.action());
    }

    private void requeue(Exchange exchange) {
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        SubmitFailure f = exchange.getProperty(FAILURE, SubmitFailure.class);
        // A line that failed pauses (and so claims nothing); a working line whose channel could not carry this message
        // leaves it to the other channels for the longest line pause.
        String avoid = null;
        OffsetDateTime avoidUntil = null;
        if (f.lineFault()) {
            pause.fault(System.nanoTime());
        } else {
            avoid = channel.id();
            avoidUntil = OffsetDateTime.now().plus(options.maxLinePause());
        }
        String avoided = avoid;
        OffsetDateTime until = avoidUntil;
        boolean recorded = record(sms.id(), "failed on the line",
                () -> queue.requeue(sms.id(), f.reason(), f.code(), f.possiblySent(), avoided, until));
        Optional<String> cancelled = recorded ? cancelled(sms.id()) : Optional.empty();
        String fate = cancelled.map(why -> "cancelled instead of queued again: " + why)
                .orElse(f.lineFault() ? "back in the queue for another line" : "back in the queue for another channel");
        log.warn("Line {} of channel {} failed sending SMS {} ({}); {}{}", line, channel.id(), sms.id(), f.reason(), fate,
                f.possiblySent() ? ", marked possible duplicate" : "");
        exchange.setProperty(Journal.DETAIL, "line " + line + " of channel " + channel.id() + " failed: " + f.reason()
                + code(f) + "; " + fate + (f.possiblySent() ? ", possibly sent already" : ""));
    }

    /** Why the row just put back was cancelled instead; a failed read only costs the journal that detail. */
    private Optional<String> cancelled(long sms) {
        try {
            return queue.cancelledBecause(sms);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void retryLater(Exchange exchange) {
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        SubmitFailure f = exchange.getProperty(FAILURE, SubmitFailure.class);
        Duration delay = exchange.getProperty(DELAY, Duration.class);
        OffsetDateTime next = OffsetDateTime.now().plus(delay);
        boolean recorded = record(sms.id(), "is to be retried",
                () -> queue.retryLater(sms.id(), f.reason(), f.code(), next, f.possiblySent()));
        Optional<String> cancelled = recorded ? cancelled(sms.id()) : Optional.empty();
        String fate = cancelled.map(why -> "cancelled instead of retried: " + why)
                .orElse("next attempt in " + delay.toMillis() + " ms");
        log.warn("SMS {} to {} not sent ({}); attempt {} of {}, {}", sms.id(), sms.recipient(), f.reason(),
                sms.attempts(), options.retries().maxAttempts(), fate);
        exchange.setProperty(Journal.DETAIL, "attempt " + sms.attempts() + " of " + options.retries().maxAttempts()
                + " on line " + line + " failed: " + f.reason() + code(f) + "; " + fate);
    }

    private void fail(Exchange exchange) {
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        SubmitFailure f = exchange.getProperty(FAILURE, SubmitFailure.class);
        if (f.lineFault()) {
            // The line failed too (its requeues were spent): it pauses as after any line fault.
            pause.fault(System.nanoTime());
        }
        record(sms.id(), "failed", () -> queue.fail(sms.id(), f.reason(), f.code()));
        log.warn("SMS {} to {} failed for good after {} attempt(s): {}", sms.id(), sms.recipient(), sms.attempts(),
                f.reason());
        exchange.setProperty(Journal.DETAIL, f.reason() + code(f) + " after " + sms.attempts() + " attempt(s) on line "
                + line + (f.retry() == SubmitFailure.Retry.PERMANENT ? ", not retryable" : ""));
    }

    private static String code(SubmitFailure f) {
        return f.code() == null ? "" : " (code " + f.code() + ")";
    }
}
