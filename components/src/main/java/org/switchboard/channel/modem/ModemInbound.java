package org.switchboard.channel.modem;

import java.time.OffsetDateTime;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.switchboard.channel.ChannelListener;
import org.switchboard.channel.DeliveryState;
import org.switchboard.channel.InboundContent;
import org.switchboard.channel.ReceivedSms;
import org.switchboard.channel.StatusReport;
import org.switchboard.channel.WapPush;
import org.switchboard.modem.ModemConstants;

/**
 * What one modem's consumer receives, handed to the hub's listener as channel events. The listener's exception fails
 * the exchange, so the modem keeps the SMS on its SIM and hands it over again at its next sweep.
 */
final class ModemInbound implements Processor {
    private final String channel;
    private final String modem;
    private final ChannelListener listener;

    ModemInbound(String channel, String modem, ChannelListener listener) {
        this.channel = channel;
        this.modem = modem;
        this.listener = listener;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        if (ModemConstants.KIND_STATUS_REPORT.equals(in.getHeader(ModemConstants.KIND))) {
            Integer ref = in.getHeader(ModemConstants.MESSAGE_REFERENCE, Integer.class);
            Integer status = in.getHeader(ModemConstants.STATUS, Integer.class);
            String outcome = in.getHeader(ModemConstants.STATUS_CLASS, String.class);
            if (ref == null || status == null || outcome == null) {
                return;
            }
            String recipient = in.getHeader(ModemConstants.RECIPIENT, String.class);
            listener.reported(new StatusReport(channel, modem, ModemLines.reference(modem, ref), recipient,
                    DeliveryState.valueOf(outcome.toUpperCase(java.util.Locale.ROOT)), status, outcome + " (TP-ST "
                    + status + ") for message reference " + ref + " to " + recipient + ", reported "
                    + in.getHeader(ModemConstants.DISCHARGE_TIME)));
            return;
        }
        OffsetDateTime received = in.getHeader(ModemConstants.TIMESTAMP, OffsetDateTime.class);
        Integer parts = in.getHeader(ModemConstants.PARTS, Integer.class);
        String originator = in.getHeader(ModemConstants.ORIGINATOR, String.class);
        // 8-bit data comes as bytes: stored as they are, with what of them reads as text (a WAP SI's link)
        byte[] data = in.getBody() instanceof byte[] bytes ? bytes : null;
        InboundContent content = InboundContent.of(in.getHeader(ModemConstants.MESSAGE_CLASS, Integer.class),
                in.getHeader(ModemConstants.DESTINATION_PORT, Integer.class),
                in.getHeader(ModemConstants.SOURCE_PORT, Integer.class), data);
        String text = data == null ? in.getBody(String.class)
                : content.kind().equals(InboundContent.WAP_PUSH)
                        ? WapPush.read(data).map(WapPush::summary).orElse("") : "";
        listener.received(new ReceivedSms(channel, modem, originator, text == null ? "" : text,
                parts == null ? 1 : parts, Boolean.TRUE.equals(in.getHeader(ModemConstants.INCOMPLETE, Boolean.class)),
                received != null ? received : OffsetDateTime.now(),
                "modem " + modem + ", SIM index " + in.getHeader(ModemConstants.STORAGE_INDEXES), null, content));
    }
}
