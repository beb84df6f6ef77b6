package org.switchboard.hub.routes;

import java.time.OffsetDateTime;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.journal.Journal;
import org.switchboard.modem.ModemConstants;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewInbound;
import org.switchboard.store.StoredInbound;

/**
 * SMS from one modem into the store. The exchange completes, and the modem deletes the SMS from its SIM, only once
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
        from(uri).routeId(routeId)
                .filter(header(ModemConstants.KIND).isEqualTo(ModemConstants.KIND_SMS))
                .process(this::store)
                .step(Journal.stepId(routeId, "read-from-modem")).process(this::describeRead).end()
                .step(Journal.stepId(routeId, "stored")).process(this::describeStored).end();
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
