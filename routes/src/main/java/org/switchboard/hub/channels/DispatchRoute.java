package org.switchboard.hub.channels;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.dispatch.ClaimPacer;
import org.switchboard.dispatch.ModemPause;
import org.switchboard.dispatch.RetryPolicy;
import org.switchboard.dispatch.SendFailure;
import org.switchboard.hub.channels.DispatchLatency;
import org.switchboard.journal.Journal;
import org.switchboard.modem.ModemComponent;
import org.switchboard.modem.ModemConstants;
import org.switchboard.modem.ModemException;
import org.switchboard.modem.session.ModemSession;
import org.switchboard.modem.session.ModemStatus;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.OutboundSms;

/**
 * One modem's dispatcher: claims the next due SMS from the outbound queue just before handing it to its modem, one at a
 * time, so a free modem takes the next row and a reply waits at most for the SMS each modem has in hand. A modem fault
 * puts the SMS back for the other modems and pauses this dispatcher until its modem is healthy again; a recipient-side
 * failure is retried later or fails the SMS, as {@link RetryPolicy} decides. An outcome the database would not take is
 * kept and recorded again before this dispatcher claims anything else, so a modem never has more than one SMS SENDING.
 */
public final class DispatchRoute extends RouteBuilder {
    /**
     * How a dispatcher works: the idle poll, the retry policy, the pause after a modem fault (first, longest), and the
     * most SMS a minute per modem (0: no limit).
     */
    public record Options(long pollMillis, RetryPolicy retries, Duration firstModemPause, Duration maxModemPause,
            int maxPerMinute) {
    }

    private static final String SMS = "SwitchboardOutboundSms";
    private static final String FAILURE = "SwitchboardSendFailure";
    private static final String DECISION = "SwitchboardRetryDecision";
    private static final String DELAY = "SwitchboardRetryDelay";

    private final String modem;
    private final String modemUri;
    private final OutboundQueue queue;
    private final Options options;
    private final String routeId;
    private final DispatchLatency latency;
    // The dispatcher's own state, touched only by its scheduler thread (one thread per scheduler name).
    private final ModemPause pause;
    private final ClaimPacer pacer;
    // What became of the last SMS when the database refused to record it; null when recorded.
    private Outcome unrecorded;

    /** What became of a claimed SMS, as the queue records it: sent, requeued, retried later or failed. */
    private record Outcome(long sms, String what, Runnable recording) {
    }

    public DispatchRoute(String modem, String modemUri, OutboundQueue queue, Options options) {
        this(modem, modemUri, queue, options, DispatchLatency.NONE);
    }

    /** @param latency where the time from queued to sent of each SMS this dispatcher sends is recorded */
    public DispatchRoute(String modem, String modemUri, OutboundQueue queue, Options options, DispatchLatency latency) {
        this.latency = latency;
        this.modem = modem;
        this.modemUri = modemUri;
        this.queue = queue;
        this.options = options;
        this.routeId = "dispatch-" + modem;
        this.pause = new ModemPause(options.firstModemPause(), options.maxModemPause());
        this.pacer = new ClaimPacer(options.maxPerMinute());
    }

    @Override
    public void configure() {
        // greedy: after a poll that claimed an SMS the next poll runs at once, so a busy queue has no pause between SMS;
        // a poll that claims nothing says so (SCHEDULER_POLLED_MESSAGES, see claim) and the next one waits pollMillis.
        from("scheduler:" + routeId + "?initialDelay=0&greedy=true&synchronous=true&delay=" + options.pollMillis())
                .routeId(routeId)
                .process(this::claim)
                .filter(exchangeProperty(SMS).isNotNull())
                    .doTry()
                        .step(Journal.stepId(routeId, "sent"))
                            .to(modemUri)
                            .process(this::markSent)
                        .end()
                    .endDoTry().doCatch(Exception.class)
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
            ModemSession session = session();
            if (session == null || !session.probe()) {
                pause.fault(now);
                log.info("Modem {} still unhealthy ({}); next check in {} ms", modem, why(session),
                        pause.current().toMillis());
                return;
            }
            log.info("Modem {} looks healthy again; claiming SMS", modem);
            pause.resume();
        } else if (!healthy()) {
            // Cheap (the session's own view); a modem known to be down or off the network claims nothing.
            if (starting()) {
                return;
            }
            pause.fault(now);
            log.warn("Modem {} is {}; it claims no SMS, next check in {} ms", modem, why(session()),
                    pause.current().toMillis());
            return;
        }
        long wait = pacer.waitNanos(now);
        if (wait > 0) {
            if (wait > TimeUnit.MILLISECONDS.toNanos(options.pollMillis())) {
                return;
            }
            // The last stretch is waited here, so the pacing is exact rather than rounded up to the poll.
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        Optional<OutboundSms> claimed = queue.claim(modem, OffsetDateTime.now());
        if (claimed.isEmpty()) {
            return;
        }
        pacer.claimed(System.nanoTime());
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, true);
        OutboundSms sms = claimed.get();
        exchange.setProperty(SMS, sms);
        exchange.setProperty(Journal.MESSAGE_KIND, Journal.KIND_OUTBOUND_SMS);
        exchange.setProperty(Journal.MESSAGE_ID, sms.id());
        exchange.getIn().setHeader(ModemConstants.RECIPIENT, sms.recipient());
        // The network's status report tells whether the SMS reached the phone (SmsInboundRoute records it).
        exchange.getIn().setHeader(ModemConstants.STATUS_REPORT_REQUEST, true);
        exchange.getIn().setBody(sms.text());
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
            log.error("Modem {}: SMS {} {} but the database did not record it ({}); it claims nothing until that is"
                    + " recorded, tried again each poll", modem, o.sms(), o.what(), e.getMessage());
            return false;
        }
    }

    private ModemSession session() {
        return getContext().getComponent("modem", ModemComponent.class).session(modem);
    }

    private boolean healthy() {
        ModemSession session = session();
        return session != null && session.isReady() && !session.status().offNetwork();
    }

    /** Still coming up for the first time: not a fault, only not yet able to send. */
    private boolean starting() {
        ModemSession session = session();
        return session == null || session.status().state() == ModemStatus.State.CONNECTING;
    }

    private static String why(ModemSession session) {
        if (session == null) {
            return "not started";
        }
        var s = session.status();
        return s.state() + ", registration " + s.registration() + (s.lastError() != null ? ", " + s.lastError() : "");
    }

    @SuppressWarnings("unchecked")
    private void markSent(Exchange exchange) {
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        var in = exchange.getIn();
        List<Integer> refs = in.getHeader(ModemConstants.MESSAGE_REFERENCES, List.class);
        String via = in.getHeader(ModemConstants.MODEM, String.class);
        int parts = in.getHeader(ModemConstants.PARTS, Integer.class);
        if (pause.recovered()) {
            log.info("Modem {} is sending again", modem);
        }
        boolean recorded = record(sms.id(), "was sent", () -> queue.markSent(sms.id(), via, parts, refs));
        latency.sent(modem, sms);
        exchange.setProperty(Journal.DETAIL, "to " + sms.recipient() + " via " + via + ", " + parts
                + " part(s), message references " + refs + (sms.possibleDuplicate() ? ", possibly a duplicate" : "")
                + (recorded ? "" : "; not yet recorded (database)"));
    }

    /** Judges the failure and decides; a failure after the modem accepted the SMS is not judged but passed on. */
    private void judge(Exchange exchange) throws Exception {
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (exchange.getIn().getHeader(ModemConstants.MODEM) != null) {
            // The modem accepted it and something after failed: sending it again would send it twice unmarked. markSent
            // keeps an outcome the database refused (see record); anything else leaves the row SENDING until the next
            // start puts it back marked possible_duplicate.
            log.error("SMS {} to {} went out through modem {} but something failed after", sms.id(), sms.recipient(),
                    modem, cause);
            throw cause != null ? cause : new IllegalStateException("SMS " + sms.id() + " could not be marked sent");
        }
        SendFailure failure;
        if (cause instanceof ModemException m) {
            failure = new SendFailure(String.valueOf(m.getMessage()), m.getCode() >= 0 ? m.getCode() : null,
                    m.isModemFault(), m.isRetryable(), m.isPossiblySent());
        } else {
            // Not from the modem (Camel, the JVM): nothing says the recipient is at fault, nor that it is final.
            failure = new SendFailure(cause == null ? "unknown" : String.valueOf(cause), null, false, true, false);
        }
        RetryPolicy.Decision decision = options.retries().decide(failure, sms.attempts(), sms.requeues(),
                sms.possibleDuplicate());
        if (decision.reason() != null) {
            failure = new SendFailure(decision.reason(), failure.code(), failure.modemFault(), false,
                    failure.possiblySent());
        }
        exchange.setProperty(FAILURE, failure);
        exchange.setProperty(DELAY, decision.delay());
        exchange.setProperty(DECISION, decision.action());
    }

    private void requeue(Exchange exchange) {
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        SendFailure f = exchange.getProperty(FAILURE, SendFailure.class);
        pause.fault(System.nanoTime());
        boolean recorded = record(sms.id(), "failed with the modem",
                () -> queue.requeueAfterModemFault(sms.id(), f.reason(), f.code(), f.possiblySent()));
        Optional<String> cancelled = recorded ? cancelled(sms.id()) : Optional.empty();
        String fate = cancelled.map(why -> "cancelled instead of queued again: " + why)
                .orElse("back in the queue for another modem");
        log.warn("Modem {} failed sending SMS {} ({}); {}{}, the modem pauses {} ms", modem, sms.id(), f.reason(), fate,
                f.possiblySent() ? ", marked possible duplicate" : "", pause.current().toMillis());
        exchange.setProperty(Journal.DETAIL, "modem " + modem + " failed: " + f.reason() + code(f) + "; " + fate
                + (f.possiblySent() ? ", possibly sent already" : ""));
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
        SendFailure f = exchange.getProperty(FAILURE, SendFailure.class);
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
                + " failed: " + f.reason() + code(f) + "; " + fate);
    }

    private void fail(Exchange exchange) {
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        SendFailure f = exchange.getProperty(FAILURE, SendFailure.class);
        if (f.modemFault()) {
            // The modem failed too (its requeues were spent): it pauses as after any modem fault.
            pause.fault(System.nanoTime());
        }
        record(sms.id(), "failed", () -> queue.fail(sms.id(), f.reason(), f.code()));
        log.warn("SMS {} to {} failed for good after {} attempt(s): {}", sms.id(), sms.recipient(), sms.attempts(),
                f.reason());
        exchange.setProperty(Journal.DETAIL, f.reason() + code(f) + " after " + sms.attempts() + " attempt(s)"
                + (f.retryable() ? "" : ", not retryable"));
    }

    private static String code(SendFailure f) {
        return f.code() == null ? "" : " (code " + f.code() + ")";
    }
}
