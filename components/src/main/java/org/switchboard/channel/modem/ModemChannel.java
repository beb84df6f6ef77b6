package org.switchboard.channel.modem;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.ChannelListener;
import org.switchboard.channel.LineState;
import org.switchboard.channel.OutboundMessage;
import org.switchboard.channel.SmsChannel;
import org.switchboard.channel.SubmitFailure;
import org.switchboard.channel.Submitted;
import org.switchboard.modem.ModemComponent;
import org.switchboard.modem.ModemConstants;
import org.switchboard.modem.session.ModemSession;

/**
 * A pool of GSM modems as one channel, each modem a line, driven through camel-modem's {@code modem:} endpoints: a
 * producer per modem to send, a consumer per modem whose SMS and status reports go to the hub's listener (and are
 * deleted from the SIM only once the listener returned).
 */
public final class ModemChannel implements SmsChannel, CamelContextAware {
    private static final Logger LOG = LoggerFactory.getLogger(ModemChannel.class);

    private final String id;
    private volatile CamelContext camel;
    private final Map<String, String> modems;
    private final double partsPerSecond;
    /** One counter per distinct set of national languages among the modems: a text's parts are the most any takes. */
    private final List<GsmParts> parts;
    private final Map<String, Producer> producers = new LinkedHashMap<>();
    private final Map<String, Consumer> consumers = new LinkedHashMap<>();

    /**
     * @param modems         each modem's name and its {@code modem:} options ({@code device=/dev/ttyUSB0&baudRate=...}
     *                       or {@code host=...&port=...}), in order
     * @param secondsPerPart what one modem takes per SMS part, network included (a real GSM modem: 3 to 6 s)
     */
    public ModemChannel(String id, Map<String, String> modems, double secondsPerPart) {
        this.id = Objects.requireNonNull(id, "id");
        this.modems = new LinkedHashMap<>(modems);
        if (modems.isEmpty()) {
            throw new IllegalArgumentException("channel " + id + " has no modem");
        }
        this.partsPerSecond = 1.0 / secondsPerPart;
        this.parts = modems.values().stream().map(ModemOptions::languages).distinct().map(GsmParts::new).toList();
    }

    /** The context whose {@code modem:} component drives the modems; set before {@link #start}. */
    @Override
    public void setCamelContext(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String kind() {
        return "modem";
    }

    @Override
    public List<String> lines() {
        return List.copyOf(modems.keySet());
    }

    @Override
    public LineState line(String line) {
        return ModemLines.state(line, session(line));
    }

    @Override
    public boolean probe(String line) {
        ModemSession session = session(line);
        return session != null && session.probe();
    }

    @Override
    public int partsFor(String text) {
        int most = 0;
        for (GsmParts p : parts) {
            most = Math.max(most, p.parts(null, text));
        }
        return most;
    }

    @Override
    public double partsPerSecondPerLine() {
        return partsPerSecond;
    }

    @Override
    public Submitted submit(String line, OutboundMessage message) throws SubmitFailure {
        Producer producer;
        synchronized (this) {
            producer = producers.get(line);
        }
        if (producer == null) {
            throw SubmitFailure.lineDown("modem " + line + " of channel " + id + " is not started");
        }
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(ModemConstants.RECIPIENT, message.recipient());
        // The network's status report tells whether the SMS reached the phone.
        exchange.getIn().setHeader(ModemConstants.STATUS_REPORT_REQUEST, message.statusReport());
        if (message.expiresAt() != null) {
            // what is left of its validity (Kannel's validity, outbound_sms.expires_at) goes to the network as TP-VP
            exchange.getIn().setHeader(ModemConstants.VALIDITY, Duration.between(OffsetDateTime.now(),
                    message.expiresAt()));
        }
        exchange.getIn().setBody(message.text());
        try {
            producer.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            throw ModemFailures.classify(exchange.getException());
        }
        return ModemLines.submitted(line, exchange.getIn());
    }

    @Override
    public synchronized void start(ChannelListener listener) throws Exception {
        Objects.requireNonNull(camel, "the channel's CamelContext");
        for (Map.Entry<String, String> m : modems.entrySet()) {
            String name = m.getKey();
            Map<String, Object> options = URISupport.parseQuery(m.getValue());
            Endpoint endpoint = camel.getEndpoint("modem:" + name, options);
            Producer producer = endpoint.createProducer();
            ServiceHelper.startService(producer);
            producers.put(name, producer);
            Consumer consumer = endpoint.createConsumer(new ModemInbound(id, name, listener));
            ServiceHelper.startService(consumer);
            consumers.put(name, consumer);
            LOG.debug("Channel {}: modem {} started", id, name);
        }
    }

    @Override
    public synchronized void stop() {
        consumers.values().forEach(ServiceHelper::stopAndShutdownService);
        consumers.clear();
        producers.values().forEach(ServiceHelper::stopAndShutdownService);
        producers.clear();
    }

    private ModemSession session(String line) {
        if (!modems.containsKey(line)) {
            throw new IllegalArgumentException("channel " + id + " has no modem " + line);
        }
        CamelContext c = camel;
        return c == null ? null : c.getComponent("modem", ModemComponent.class).session(line);
    }
}
