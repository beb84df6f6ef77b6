package org.switchboard.hub.voicemail;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.hub.module.Singleton;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.sip.MessageCounts;
import org.switchboard.sip.MessageSummary;
import org.switchboard.sip.SipConstants;
import org.switchboard.voicemail.Decision;
import org.switchboard.voicemail.VoicemailCounts;
import org.switchboard.voicemail.VoicemailStore;

/**
 * The PBX's message-summary NOTIFYs, each stored with its source and the decision it makes: a rising new count owes
 * the mailbox's owner a notification, which is committed with it (and sent by {@link VoicemailNotificationRoute});
 * the {@code sip:} consumer answers 200 only after this exchange completed. NOTIFYs the consumer rejected (a stranger,
 * another event package, a malformed body) are journalled with their source and why.
 */
public final class VoicemailRoute extends RouteBuilder {
    /** Its id: the SIP NOTIFY counts in /metrics come from this route's consumer. */
    public static final String ROUTE_ID = "voicemail";

    private final Endpoint pbx;
    private final VoicemailStore store;

    /** @param pbx the {@code sip:} endpoint the PBX's NOTIFYs arrive at */
    public VoicemailRoute(Endpoint pbx, VoicemailStore store) {
        this.pbx = pbx;
        this.store = store;
    }

    @Override
    public void configure() {
        from(pbx).routeId(ROUTE_ID)
                // one node holds the subscription to the PBX, and the PBX sends its NOTIFYs there
                .routeProperty(Singleton.ROUTE_PROPERTY, "true")
                .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.VOICEMAIL_NOTIFY.value()))
                .setProperty(Journal.MESSAGE_ID, constant(0L))
                .choice()
                    .when(header(SipConstants.OUTCOME).isEqualTo(SipConstants.REJECTED))
                        .step("notify-rejected").process(this::describeRejection).end()
                    .endChoice()
                    .otherwise()
                        .step("notify-stored").process(this::record).end()
                .end();
    }

    private void record(Exchange exchange) {
        var in = exchange.getIn();
        MessageSummary summary = in.getBody(MessageSummary.class);
        String mailbox = in.getHeader(SipConstants.MAILBOX, String.class);
        String source = in.getHeader(SipConstants.SOURCE_ADDRESS, String.class);
        MessageCounts voice = summary.voice();
        Decision d = store.record(mailbox, new VoicemailCounts(voice.newCount(), voice.oldCount(), voice.urgentNew(),
                voice.urgentOld()), source);
        exchange.setProperty(Journal.MESSAGE_ID, d.notifyId());
        exchange.setProperty(Journal.DETAIL, "mailbox " + mailbox + " " + voice + " from " + source
                + (Boolean.TRUE.equals(in.getHeader(SipConstants.IN_DIALOG, Boolean.class)) ? " (subscription)" : "")
                + ": " + d.reason() + (d.notifyOwner() ? "; the owner is told" : ""));
    }

    private void describeRejection(Exchange exchange) {
        var in = exchange.getIn();
        exchange.setProperty(Journal.DETAIL, in.getHeader(SipConstants.STATUS_CODE) + " to "
                + in.getHeader(SipConstants.SOURCE_ADDRESS) + " (Event: " + in.getHeader(SipConstants.EVENT) + "): "
                + in.getHeader(SipConstants.REASON));
    }
}
