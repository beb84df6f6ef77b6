package org.switchboard.hub.channels;

import org.apache.camel.ProducerTemplate;
import org.switchboard.channel.ChannelListener;
import org.switchboard.channel.ReceivedSms;
import org.switchboard.channel.StatusReport;

/**
 * The hub as the channels' listener: each event goes through its route ({@link SmsInboundRoute},
 * {@link StatusReportRoute}) synchronously, and a route that fails throws back into the channel, which then keeps the
 * event to hand over again.
 */
public final class ChannelEvents implements ChannelListener {
    private final ProducerTemplate template;

    public ChannelEvents(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public void received(ReceivedSms sms) {
        template.requestBody(SmsInboundRoute.ENDPOINT, sms);
    }

    @Override
    public void reported(StatusReport report) {
        template.requestBody(StatusReportRoute.ENDPOINT, report);
    }
}
