package org.switchboard.sip;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** Receives message-waiting NOTIFYs (RFC 3842) from a PBX, unsolicited or from subscriptions it makes itself. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "sip", title = "SIP message summary", syntax = "sip:name",
             consumerOnly = true, category = { Category.NETWORKING }, headersClass = SipConstants.class)
public class SipEndpoint extends DefaultEndpoint {

    @UriPath(description = "Name of the listener, for logs and health checks")
    @Metadata(required = true)
    private final String name;
    @UriParam
    private final SipConfiguration configuration;

    public SipEndpoint(String uri, SipComponent component, String name, SipConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("sip: only receives NOTIFYs; it has no producer");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SipConsumer consumer = new SipConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public SipComponent getComponent() {
        return (SipComponent) super.getComponent();
    }

    public String getName() {
        return name;
    }

    public SipConfiguration getConfiguration() {
        return configuration;
    }
}
