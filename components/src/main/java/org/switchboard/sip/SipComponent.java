package org.switchboard.sip;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.PropertyBindingSupport;

/** The {@code sip:} component: receives RFC 3842 message-summary NOTIFYs from a PBX and subscribes to mailboxes. */
@Component("sip")
public class SipComponent extends HealthCheckComponent {

    @Metadata(label = "advanced", description = "Default configuration for every endpoint")
    private SipConfiguration configuration = new SipConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("sip: needs a name, e.g. sip:pbx?host=127.0.0.1&port=5060");
        }
        SipConfiguration conf = configuration.copy();
        SipEndpoint endpoint = new SipEndpoint(uri, this, remaining, conf);
        // As modem: the SIP options live on the configuration; what it does not take goes to the endpoint, and what
        // neither takes stays in the map for Camel to reject as unknown.
        PropertyBindingSupport.build().withRemoveParameters(true).withIgnoreCase(true)
                .bind(getCamelContext(), conf, parameters);
        setProperties(endpoint, parameters);
        for (String t : conf.transportList()) {
            if (!t.equals("udp") && !t.equals("tcp")) {
                throw new IllegalArgumentException("sip:" + remaining + ": transports takes udp and tcp, not " + t);
            }
        }
        for (String target : conf.subscribeList()) {
            SubscriptionTarget.parse(target); // fails early on a typo
        }
        return endpoint;
    }

    public SipConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SipConfiguration configuration) {
        this.configuration = configuration;
    }
}
