package org.switchboard.hub.channels;

import org.switchboard.hub.smstoemail.EmailOutboxRoute;

import java.time.OffsetDateTime;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.journal.Journal;
import org.switchboard.modem.ModemConstants;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewInbound;
import org.switchboard.store.StoredInbound;

/**
 * What one modem receives: SMS into the store, and status reports onto the SMS they report on. The exchange completes, and the modem deletes the SMS from its SIM, only once
 * the row is committed; a re-read after a crash in between finds the row and stores nothing twice. E-mailing it is
 * {@link EmailOutboxRoute}'s work.
 */
public final class SmsInboundRoute extends RouteBuilder {
    private final String modem;
    private final String uri;
    private final MessageStore store;

    public SmsInboundRoute(String modem, String uri, MessageStore store) {
        this.modem = modem;
        this.uri = uri;
        this.store = store;
    }

    @Override
    public void configure() {
        String routeId = "sms-inbound-" + modem;
        // A report can overtake the commit of the SMS it reports on (the network answers within milliseconds of
        // +CMGS): ask again for a moment. One that still matches nothing was for an SMS this hub did not send.
        onException(UnmatchedStatusReport.class).maximumRedeliveries(20).redeliveryDelay(100).handled(true)
                .logExhausted(false)
                .log(LoggingLevel.INFO, "Status report from " + modem + " for message reference"
                        + " ${header." + ModemConstants.MESSAGE_REFERENCE + "} matches no SMS sent in the last week");
        from(uri).routeId(routeId)
                .choice()
                    .when(header(ModemConstants.KIND).isEqualTo(ModemConstants.KIND_STATUS_REPORT))
                        .process(this::matchReport)
                        .filter(exchangeProperty(Journal.MESSAGE_ID).isNotNull())
                            .step(Journal.stepId(routeId, "status-report")).process(this::describeReport).end()
                        .end()
                    .endChoice()
                    .otherwise()
                        .process(this::store)
                        .step(Journal.stepId(routeId, "read-from-modem")).process(this::describeRead).end()
                        .step(Journal.stepId(routeId, "stored")).process(this::describeStored).end()
                .end();
    }

    /** A status report belongs to the SMS this modem sent with that message reference, when there is one. */
    private void matchReport(Exchange exchange) throws UnmatchedStatusReport {
        var in = exchange.getIn();
        Integer ref = in.getHeader(ModemConstants.MESSAGE_REFERENCE, Integer.class);
        Integer status = in.getHeader(ModemConstants.STATUS, Integer.class);
        String outcome = in.getHeader(ModemConstants.STATUS_CLASS, String.class);
        if (ref == null || status == null || outcome == null) {
            return;
        }
        long id = store.recordDeliveryReport(modem, ref, in.getHeader(ModemConstants.RECIPIENT, String.class), outcome,
                        status)
                .orElseThrow(() -> new UnmatchedStatusReport(modem, ref));
        exchange.setProperty(Journal.MESSAGE_KIND, Journal.KIND_OUTBOUND_SMS);
        exchange.setProperty(Journal.MESSAGE_ID, id);
    }

    /** A status report for a message reference no recent SMS of this modem carries (yet). */
    static final class UnmatchedStatusReport extends Exception {
        UnmatchedStatusReport(String modem, int ref) {
            super("no SMS sent through " + modem + " with message reference " + ref);
        }
    }

    private void describeReport(Exchange exchange) {
        var in = exchange.getIn();
        exchange.setProperty(Journal.DETAIL, in.getHeader(ModemConstants.STATUS_CLASS) + " (TP-ST "
                + in.getHeader(ModemConstants.STATUS) + ") for message reference "
                + in.getHeader(ModemConstants.MESSAGE_REFERENCE) + " to " + in.getHeader(ModemConstants.RECIPIENT)
                + ", reported " + in.getHeader(ModemConstants.DISCHARGE_TIME));
    }

    private void store(Exchange exchange) {
        var in = exchange.getIn();
        OffsetDateTime received = in.getHeader(ModemConstants.TIMESTAMP, OffsetDateTime.class);
        Integer parts = in.getHeader(ModemConstants.PARTS, Integer.class);
        Boolean incomplete = in.getHeader(ModemConstants.INCOMPLETE, Boolean.class);
        StoredInbound stored = store.storeInbound(new NewInbound(modem, in.getHeader(ModemConstants.ORIGINATOR, String.class),
                in.getBody(String.class), parts == null ? 1 : parts, Boolean.TRUE.equals(incomplete),
                received != null ? received : OffsetDateTime.now()));
        exchange.setProperty(Journal.MESSAGE_KIND, "inbound_sms");
        exchange.setProperty(Journal.MESSAGE_ID, stored.id());
        exchange.setProperty("duplicate", stored.duplicate());
    }

    private void describeStored(Exchange exchange) {
        exchange.setProperty(Journal.DETAIL, Boolean.TRUE.equals(exchange.getProperty("duplicate"))
                ? "already stored: read again after a restart, before the modem had deleted it"
                : "as in-" + exchange.getProperty(Journal.MESSAGE_ID));
    }

    private void describeRead(Exchange exchange) {
        exchange.setProperty(Journal.DETAIL, "modem " + modem + ", SIM index "
                + exchange.getIn().getHeader(ModemConstants.STORAGE_INDEXES) + ", from "
                + exchange.getIn().getHeader(ModemConstants.ORIGINATOR));
    }
}
