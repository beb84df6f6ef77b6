package org.switchboard.modem;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.switchboard.modem.session.ModemSession;

/** Sends SMS through, and receives SMS and status reports from, a GSM modem driven with AT commands. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "modem", title = "GSM Modem", syntax = "modem:name",
             category = { Category.MOBILE }, headersClass = ModemConstants.class)
public class ModemEndpoint extends DefaultEndpoint {

    @UriPath(description = "Name of the modem: producer and consumer endpoints with the same name share one modem")
    @Metadata(required = true)
    private final String name;
    @UriParam
    private final ModemConfiguration configuration;

    public ModemEndpoint(String uri, ModemComponent component, String name, ModemConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new ModemProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ModemConsumer consumer = new ModemConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public ModemComponent getComponent() {
        return (ModemComponent) super.getComponent();
    }

    ModemSession acquireSession() {
        return getComponent().acquireSession(name, configuration);
    }

    void releaseSession() {
        getComponent().releaseSession(name);
    }

    public String getName() {
        return name;
    }

    public ModemConfiguration getConfiguration() {
        return configuration;
    }
}
