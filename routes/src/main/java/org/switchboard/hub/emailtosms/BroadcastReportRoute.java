package org.switchboard.hub.emailtosms;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.timer;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.mail.Session;

import org.apache.camel.Exchange;
import org.apache.camel.builder.EndpointProducerBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.broadcast.Broadcast;
import org.switchboard.broadcast.BroadcastMails;
import org.switchboard.broadcast.BroadcastReport;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.hub.module.Singleton;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.mail.MailSettings;

/**
 * The report to the sender of each broadcast that has ended (every recipient sent or failed, and the status reports in,
 * or the grace period for them over): sent, delivered, failed and why, with every recipient's status as CSV. The
 * broadcast is marked DONE only after the report went out, so a crash in between sends it again, with the same
 * Message-ID (a mail client shows it once). The route runs on the cluster's leader alone, and each broadcast is claimed
 * for the report before it is written, so a node that takes the lead (or one that still believes it leads) does not
 * mail a report another node is mailing; one whose mail failed is released for the next poll.
 */
public final class BroadcastReportRoute extends RouteBuilder {
    /** Longer than writing and mailing one report takes. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final String node;
    private final BroadcastStore broadcasts;
    private final BroadcastReport reports;
    private final MailSettings mail;
    private final EndpointProducerBuilder smtp;
    private final long pollMillis;
    private final Duration grace;
    private final Session session = Session.getInstance(new java.util.Properties());
    private final BroadcastMails mails = new BroadcastMails();

    private final Path csvDir;

    /** @param csvDir where report CSVs wait while their mail is sent; the hub empties it at start-up */
    public BroadcastReportRoute(BroadcastStore broadcasts, BroadcastReport reports, MailSettings mail, EndpointProducerBuilder smtp,
            long pollMillis, Duration grace, Path csvDir, String node) {
        this.node = node;
        this.csvDir = csvDir;
        this.broadcasts = broadcasts;
        this.reports = reports;
        this.mail = mail;
        this.smtp = smtp;
        this.pollMillis = pollMillis;
        this.grace = grace;
    }

    @Override
    public void configure() {
        from(timer("broadcast-report").period(pollMillis).advanced().synchronous(true)).routeId("broadcast-report")
                .routeProperty(Singleton.ROUTE_PROPERTY, "true")
                .process(e -> e.getIn().setBody(broadcasts.claimForReport(grace, node, LEASE)))
                .split(body()).stopOnException(false)
                    .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.BROADCAST.value()))
                    .setProperty(Journal.MESSAGE_ID, body())
                    .step("report-sent")
                        .process(this::report)
                        .doTry()
                            .filter(exchangeProperty("reportMail").isNotNull()).to(smtp).end()
                            .process(this::markReported)
                        .endDoTry()
                        .doFinally()
                            .process(this::releaseUnreported)
                            .process(this::deleteCsv)
                        .end()
                    .end()
                .end();
    }

    private void report(Exchange exchange) throws Exception {
        long id = exchange.getIn().getBody(Long.class);
        Broadcast broadcast = broadcasts.find(id).orElseThrow();
        BroadcastReport.Summary summary = reports.summary(id);
        exchange.setProperty("broadcastId", id);
        if (broadcast.requestedBy().indexOf('@') < 0) {
            // Requested over the HTTP API by a user, not an address: its report is read there (recipients, CSV).
            exchange.setProperty(Journal.DETAIL, "no report email: requested by API user " + broadcast.requestedBy()
                    + "; " + summary.sent() + " sent, " + summary.delivered() + " delivered, " + summary.failed()
                    + " failed, " + summary.possibleDuplicates() + " possible duplicate(s)");
            return;
        }
        BroadcastMails.ReportMail report = mails.report(session, mail, broadcast, summary, reports, csvDir);
        exchange.setProperty("reportMail", report);
        exchange.setProperty("reportMessageId", BroadcastMails.reportMessageId(id, mail));
        exchange.setProperty(Journal.DETAIL, "report to " + broadcast.requestedBy() + ": " + summary.sent() + " sent, "
                + summary.delivered() + " delivered, " + summary.failed() + " failed, " + summary.possibleDuplicates()
                + " possible duplicate(s)");
        exchange.getIn().setBody(report.message());
        exchange.getIn().removeHeaders("*");
        exchange.setProperty("broadcastId", id);
    }

    /** A report that did not go out is due again at the next poll, not only when its claim runs out. */
    private void releaseUnreported(Exchange exchange) {
        broadcasts.releaseReport(exchange.getProperty("broadcastId", Long.class));
    }

    private void deleteCsv(Exchange exchange) {
        BroadcastMails.ReportMail report = exchange.getProperty("reportMail", BroadcastMails.ReportMail.class);
        if (report != null) {
            report.close();
        }
    }

    private void markReported(Exchange exchange) {
        broadcasts.markReported(exchange.getProperty("broadcastId", Long.class),
                exchange.getProperty("reportMessageId", String.class));
    }
}
