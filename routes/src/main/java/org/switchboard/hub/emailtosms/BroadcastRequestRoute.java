package org.switchboard.hub.emailtosms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Exchange;
import org.apache.camel.builder.EndpointProducerBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.broadcast.BroadcastMails;
import org.switchboard.broadcast.BroadcastPlanner;
import org.switchboard.broadcast.BroadcastRequest;
import org.switchboard.broadcast.BroadcastStatus;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.broadcast.Plan;
import org.switchboard.channel.Channels;
import org.switchboard.contacts.ContactFilter;
import org.switchboard.contacts.Segment;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.hub.mail.Refusals;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.mail.MailSettings;
import org.switchboard.mail.ReplyParse;

/**
 * A staff email asking for a broadcast, into one stored row per recipient. A broadcast above the confirmation
 * threshold is held and its sender gets a preview to answer YES to; a smaller one is released to the dispatchers at
 * once. Whatever cannot be sent as asked (no such segment, a filter that does not read, a template naming an
 * attribute some recipients lack, nobody matching) is bounced with the reason and nothing is stored.
 */
public final class BroadcastRequestRoute extends RouteBuilder {
    public static final String ENDPOINT = "direct:broadcast-request";

    private final BroadcastPlanner planner;
    private final BroadcastStore broadcasts;
    private final SegmentStore segments;
    private final MailSettings mail;
    private final Channels channels;
    private final int confirmAbove;
    private final EndpointProducerBuilder smtp;
    private final Refusals refusals;
    private final BroadcastMails mails = new BroadcastMails();

    public BroadcastRequestRoute(BroadcastPlanner planner, BroadcastStore broadcasts, SegmentStore segments,
            MailSettings mail, Channels channels, int confirmAbove, EndpointProducerBuilder smtp) {
        this.planner = planner;
        this.broadcasts = broadcasts;
        this.segments = segments;
        this.mail = mail;
        this.channels = channels;
        this.confirmAbove = confirmAbove;
        this.smtp = smtp;
        this.refusals = new Refusals(mail);
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("broadcast-request")
                .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.BROADCAST.value()))
                .step("broadcast-planned").process(this::plan).end()
                .choice()
                    .when(exchangeProperty(Refusals.REASON).isNotNull())
                        .step("broadcast-refused").process(refusals::bounce).to(smtp).end()
                    .endChoice()
                    .when(exchangeProperty("preview").isEqualTo(true))
                        .step("preview-sent").process(this::preview).to(smtp).end()
                    .endChoice()
                    .otherwise()
                        .step("broadcast-released").process(this::release).end()
                .end();
    }

    private void plan(Exchange exchange) {
        ReplyParse.BroadcastRequest request = exchange.getProperty(EmailToSmsRoute.BROADCAST_REQUEST,
                ReplyParse.BroadcastRequest.class);
        Map<String, String> criteria = new LinkedHashMap<>();
        String describedAs;
        try {
            describedAs = criteria(request, criteria);
        } catch (IllegalArgumentException e) {
            Refusals.refuse(exchange, e.getMessage());
            return;
        }
        Plan plan = planner.plan(new BroadcastRequest(request.from(), BroadcastRequest.SOURCE_EMAIL,
                request.messageId(), request.segment(), criteria, request.template(), true));
        if (plan instanceof Plan.Refused refused) {
            Refusals.refuse(exchange, refused.reason());
            MimeMessage original = exchange.getProperty(Refusals.ORIGINAL_MAIL, MimeMessage.class);
            try {
                // names the attributes some recipients lack, and a few of those recipients
                exchange.setProperty(Refusals.WRITTEN, mails.refused(refusals.session(), mail, request.from(),
                        request.messageId(), original.getSubject(), refused));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException("writing the refusal of " + request.messageId(), e);
            }
            return;
        }
        Plan.Planned planned = (Plan.Planned) plan;
        exchange.setProperty(Journal.MESSAGE_ID, planned.broadcastId());
        exchange.setProperty("plan", planned);
        exchange.setProperty(Journal.DETAIL, "broadcast #" + planned.broadcastId() + " from " + request.from() + " to "
                + describedAs + ": " + planned.recipients() + " recipient(s), " + planned.optedOut() + " opted out, "
                + planned.invalid() + " invalid, " + planned.totalParts() + " SMS part(s)"
                + (planned.existing() ? " (request read again: planned before)" : ""));
        boolean awaiting = broadcasts.find(planned.broadcastId())
                .map(b -> b.status() == BroadcastStatus.AWAITING_CONFIRMATION).orElse(false);
        exchange.setProperty("preview", awaiting && planned.recipients() > confirmAbove);
    }

    /** The contacts the request picks: the segment's criteria, narrowed by the {@code to:} line's. */
    private String criteria(ReplyParse.BroadcastRequest request, Map<String, String> criteria) {
        StringBuilder described = new StringBuilder();
        if (request.segment() != null) {
            Optional<Segment> segment = segments.find(request.segment());
            if (segment.isEmpty()) {
                String known = String.join(", ", segments.list().stream().map(Segment::name).toList());
                throw new IllegalArgumentException("There is no segment called \"" + request.segment() + "\". "
                        + (known.isEmpty() ? "No segment is saved yet." : "Saved segments: " + known + "."));
            }
            criteria.putAll(segment.get().filter().criteria());
            described.append("segment ").append(segment.get().name());
        }
        if (request.filterText() != null) {
            ContactFilter line = ContactFilter.parse(request.filterText());
            for (Map.Entry<String, String> c : line.criteria().entrySet()) {
                String before = criteria.putIfAbsent(c.getKey(), c.getValue());
                if (before != null && !before.equals(c.getValue())) {
                    throw new IllegalArgumentException("Your \"to:\" line asks for " + c.getKey() + " = " + c.getValue()
                            + ", but segment " + request.segment() + " already means " + c.getKey() + " = " + before
                            + ": no contact can match both.");
                }
            }
            described.append(described.length() > 0 ? ", narrowed to " : "").append(line.describe());
        }
        return described.toString();
    }

    private void preview(Exchange exchange) throws Exception {
        Plan.Planned planned = exchange.getProperty("plan", Plan.Planned.class);
        ReplyParse.BroadcastRequest request = exchange.getProperty(EmailToSmsRoute.BROADCAST_REQUEST,
                ReplyParse.BroadcastRequest.class);
        int lines = channels.readyLines();
        MimeMessage preview = mails.preview(refusals.session(), mail,
                broadcasts.find(planned.broadcastId()).orElseThrow(),
                planned, request.messageId(), lines, channels.secondsPerPart());
        // Stored before it is sent: a YES may come back faster than this exchange ends.
        String previewId = BroadcastMails.previewMessageId(planned.broadcastId(), mail);
        broadcasts.setPreviewMessageId(planned.broadcastId(), previewId);
        exchange.getIn().setBody(preview);
        exchange.getIn().removeHeaders("*");
        exchange.setProperty(Journal.DETAIL, "preview " + previewId + " to " + request.from() + ": "
                + planned.recipients() + " recipient(s), " + lines + " line(s) up; waiting for YES");
    }

    private void release(Exchange exchange) {
        Plan.Planned planned = exchange.getProperty("plan", Plan.Planned.class);
        if (broadcasts.confirm(planned.broadcastId())) {
            exchange.setProperty(Journal.DETAIL, planned.recipients() + " recipient(s), at most " + confirmAbove
                    + " without confirmation: released to the channels");
        } else {
            exchange.setProperty(Journal.DETAIL, "request read again: broadcast #" + planned.broadcastId() + " is "
                    + broadcasts.find(planned.broadcastId()).map(b -> b.status().name()).orElse("gone")
                    + " already, nothing changed");
        }
    }

}
