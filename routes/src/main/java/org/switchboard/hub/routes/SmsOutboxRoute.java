package org.switchboard.hub.routes;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.journal.Journal;
import org.switchboard.modem.ModemConstants;
import org.switchboard.modem.ModemException;
import org.switchboard.store.MessageStore;
import org.switchboard.store.OutboundSms;

/**
 * Stored SMS out through the modems, shared round-robin. A refusal that a retry cannot cure (a barred number) fails the
 * SMS for good; anything else (no network, a modem being recovered) waits and is tried again with a growing pause.
 */
public final class SmsOutboxRoute extends RouteBuilder {
    private final MessageStore store;
    private final List<String> modemUris;
    private final long pollMillis;
    private final long maxBackoffMillis;

    public SmsOutboxRoute(MessageStore store, List<String> modemUris, long pollMillis, long maxBackoffMillis) {
        this.store = store;
        this.modemUris = modemUris;
        this.pollMillis = pollMillis;
        this.maxBackoffMillis = maxBackoffMillis;
    }

    @Override
    public void configure() {
        from("timer:sms-outbox?delay=0&synchronous=true&period=" + pollMillis).routeId("sms-outbox")
                .process(e -> e.getIn().setBody(store.claimOutbound(20, OffsetDateTime.now())))
                .split(body()).stopOnException(false).parallelProcessing().executorService(
                        getContext().getExecutorServiceManager().newFixedThreadPool(this, "sms-outbox",
                                Math.max(1, modemUris.size())))
                    .setProperty(Journal.MESSAGE_KIND, constant("outbound_sms"))
                    .process(this::prepare)
                    .doTry()
                        .step("sent")
                            .loadBalance().roundRobin().to(modemUris.toArray(String[]::new)).end()
                            .process(this::markSent)
                        .end()
                    .endDoTry().doCatch(Exception.class)
                        .process(this::retryOrFail)
                    .end()
                .end();
    }

    private void prepare(Exchange exchange) {
        OutboundSms sms = exchange.getIn().getBody(OutboundSms.class);
        exchange.setProperty("sms", sms);
        exchange.setProperty(Journal.MESSAGE_ID, sms.id());
        exchange.getIn().setHeader(ModemConstants.RECIPIENT, sms.recipient());
        // The network's status report tells the journal whether the SMS reached the phone.
        exchange.getIn().setHeader(ModemConstants.STATUS_REPORT_REQUEST, true);
        exchange.getIn().setBody(sms.text());
    }

    @SuppressWarnings("unchecked")
    private void markSent(Exchange exchange) {
        OutboundSms sms = exchange.getProperty("sms", OutboundSms.class);
        var in = exchange.getIn();
        List<Integer> refs = in.getHeader(ModemConstants.MESSAGE_REFERENCES, List.class);
        String modem = in.getHeader(ModemConstants.MODEM, String.class);
        int parts = in.getHeader(ModemConstants.PARTS, Integer.class);
        store.markSent(sms.id(), modem, parts, refs);
        exchange.setProperty(Journal.DETAIL, "to " + sms.recipient() + " via " + modem + ", " + parts
                + " part(s), message references " + refs);
    }

    private void retryOrFail(Exchange exchange) {
        OutboundSms sms = exchange.getProperty("sms", OutboundSms.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String why = cause == null ? "unknown" : String.valueOf(cause.getMessage());
        if (cause instanceof ModemException m && !m.isRetryable()) {
            store.markOutboundFailed(sms.id(), why);
            log.warn("SMS {} to {} failed for good: {}", sms.id(), sms.recipient(), why);
            return;
        }
        long pause = Math.min(maxBackoffMillis, 1000L << Math.min(20, Math.max(0, sms.attempts() - 1)));
        store.markOutboundRetry(sms.id(), why, OffsetDateTime.now().plus(Duration.ofMillis(pause)));
        log.warn("SMS {} to {} not sent ({}); next attempt in {} ms", sms.id(), sms.recipient(), why, pause);
    }
}
