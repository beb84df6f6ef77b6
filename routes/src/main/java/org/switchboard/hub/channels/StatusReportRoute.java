package org.switchboard.hub.channels;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.channel.StatusReport;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.store.GroupCommit;
import org.switchboard.store.MessageStore;

/**
 * Status reports from the channels ({@link ChannelEvents} hands each here), onto the SMS whose part they report on:
 * the channel that sent it and the part's reference find it. Committed before the channel acknowledges the report.
 */
public final class StatusReportRoute extends RouteBuilder {
    /** Where {@link ChannelEvents} sends each {@link StatusReport}. */
    public static final String ENDPOINT = "direct:status-report";
    private static final String ROUTE = "status-report";

    private final GroupCommit<MessageStore.DeliveryReport, Optional<Long>> reports;

    /**
     * @param reports records the reports, those that arrive together (an SMSC's receipts, on a bind's several threads)
     *                in one statement: {@link #grouped}
     */
    public StatusReportRoute(GroupCommit<MessageStore.DeliveryReport, Optional<Long>> reports) {
        this.reports = reports;
    }

    /** The reports' group commit: one writer, as many reports a statement as are waiting (up to 256). */
    public static GroupCommit<MessageStore.DeliveryReport, Optional<Long>> grouped(MessageStore store) {
        return new GroupCommit<>("status-report", store::recordDeliveryReports, 1, 256, 4096);
    }

    @Override
    public void configure() {
        // A report can overtake the commit of the SMS it reports on (a modem's network answers within milliseconds of
        // +CMGS; an SMSC may send its receipt right behind the submit_sm_resp): ask again for a moment, first after
        // 5 ms (the commit it overtook takes about that), then at doubling pauses, 3.3 s in all. The wait holds
        // the channel's thread, which must not acknowledge the report before it is recorded: a fixed 100 ms pause held
        // an SMPP bind's few receipt threads so long that submit_sm_resps queued behind them. One that still matches
        // nothing was for an SMS this hub did not send.
        onException(UnmatchedStatusReport.class).maximumRedeliveries(10).redeliveryDelay(5).useExponentialBackOff()
                .backOffMultiplier(2).maximumRedeliveryDelay(1000).handled(true)
                .logExhausted(false)
                .process(e -> log.info("{} in the last week", e.getProperty(Exchange.EXCEPTION_CAUGHT,
                        Exception.class).getMessage()));
        from(ENDPOINT).routeId(ROUTE)
                .process(this::match)
                .step(Journal.stepId(ROUTE, "status-report")).process(this::describe).end();
    }

    private void match(Exchange exchange) throws UnmatchedStatusReport, InterruptedException {
        StatusReport report = exchange.getIn().getBody(StatusReport.class);
        long id = reports.commitOne(new MessageStore.DeliveryReport(report.channel(), report.reference(),
                report.recipient(), report.state().value(), report.code()))
                .orElseThrow(() -> new UnmatchedStatusReport(report));
        exchange.setProperty(Journal.MESSAGE_KIND, JournalKind.OUTBOUND_SMS.value());
        exchange.setProperty(Journal.MESSAGE_ID, id);
    }

    private void describe(Exchange exchange) {
        StatusReport report = exchange.getIn().getBody(StatusReport.class);
        exchange.setProperty(Journal.DETAIL, "channel " + report.channel() + ": " + report.detail());
    }

    /** A status report for a part reference no recent SMS of this channel carries (yet). */
    static final class UnmatchedStatusReport extends Exception {
        private static final long serialVersionUID = 1L;

        UnmatchedStatusReport(StatusReport report) {
            super("no SMS sent through " + report.channel() + " with part reference " + report.reference());
        }
    }
}
