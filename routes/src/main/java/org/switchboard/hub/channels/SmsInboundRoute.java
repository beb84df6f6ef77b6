package org.switchboard.hub.channels;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.channel.InboundContent;
import org.switchboard.channel.ReceivedSms;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewInbound;
import org.switchboard.store.StoredInbound;

/**
 * What the channels receive ({@link ChannelEvents} hands each SMS here): into the store. The exchange completes, and the
 * channel acknowledges the SMS to the network (a modem deletes it from its SIM), only once the row is committed; a
 * re-read after a crash in between finds the row and stores nothing twice. E-mailing it is the SMS-to-email area's work.
 */
public final class SmsInboundRoute extends RouteBuilder {
    /** Where {@link ChannelEvents} sends each {@link ReceivedSms}. */
    public static final String ENDPOINT = "direct:sms-inbound";
    private static final String ROUTE = "sms-inbound";

    private final MessageStore store;
    private final MessageStore.InboundRouting routing;

    /** @param routing hands what an MO rule matches to its application, in the transaction that stores it */
    public SmsInboundRoute(MessageStore store, MessageStore.InboundRouting routing) {
        this.store = store;
        this.routing = routing;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE)
                .process(this::store)
                .step(Journal.stepId(ROUTE, "received")).process(this::describeReceived).end()
                .step(Journal.stepId(ROUTE, "stored")).process(this::describeStored).end()
                .filter(exchangeProperty("routedTo").isNotNull())
                    .step(Journal.stepId(ROUTE, "routed")).process(this::describeRouted).end()
                .end();
    }

    private void store(Exchange exchange) {
        ReceivedSms sms = exchange.getIn().getBody(ReceivedSms.class);
        StoredInbound stored = store.storeInbound(new NewInbound(sms.channel(), sms.line(), sms.originator(), sms.text(),
                sms.parts(), sms.incomplete(), sms.receivedAt(), sms.destination(), sms.content()), routing);
        exchange.setProperty(Journal.MESSAGE_KIND, JournalKind.INBOUND_SMS.value());
        exchange.setProperty(Journal.MESSAGE_ID, stored.id());
        exchange.setProperty("duplicate", stored.duplicate());
        exchange.setProperty("routedTo", stored.routedTo());
    }

    private void describeReceived(Exchange exchange) {
        ReceivedSms sms = exchange.getIn().getBody(ReceivedSms.class);
        exchange.setProperty(Journal.DETAIL, "channel " + sms.channel() + ", " + sms.origin() + ", from "
                + sms.originator() + (sms.destination() == null ? "" : " to " + sms.destination()) + kind(sms));
    }

    /** What it is, when it is more than a text SMS: {@code , flash}, {@code , data to port 5555}. */
    private static String kind(ReceivedSms sms) {
        InboundContent c = sms.content();
        StringBuilder b = new StringBuilder();
        if (!c.kind().equals(InboundContent.TEXT)) {
            b.append(", ").append(c.kind()).append(" (").append(c.data().length).append(" octets)");
        }
        if (c.flash()) {
            b.append(", flash (class 0)");
        } else if (c.messageClass() != null) {
            b.append(", class ").append(c.messageClass());
        }
        if (c.destPort() != null) {
            b.append(", to port ").append(c.destPort()).append(" from port ").append(c.srcPort());
        }
        return b.toString();
    }

    private void describeRouted(Exchange exchange) {
        exchange.setProperty(Journal.DETAIL, "MO " + exchange.getProperty("routedTo") + ", instead of the help desk");
    }

    private void describeStored(Exchange exchange) {
        exchange.setProperty(Journal.DETAIL, Boolean.TRUE.equals(exchange.getProperty("duplicate"))
                ? "already stored: received again after a restart, before the channel had acknowledged it"
                : "as in-" + exchange.getProperty(Journal.MESSAGE_ID));
    }
}
