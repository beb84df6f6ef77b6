package org.switchboard.hub.calls;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.calls.CallbackLinks;
import org.switchboard.hub.http.HttpConfig;
import org.switchboard.hub.module.HubParts;

/**
 * The call-back links of the help desk's emails, made before the SMS-to-email area that puts them in its emails and
 * shared with it; none while click-to-call is off, and the emails then have no link. The page a link opens is
 * {@link CallbackLinkRoute}, added by {@link CallsModule}.
 */
public final class CallbackLinksModule implements CamelConfiguration {
    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        CallsConfig calls = hub.settings(CallsConfig.class);
        if (calls.on()) {
            HubParts.share(camel, CallbackLinks.class, CallbackLinks.open(hub.dataSource(),
                    Duration.ofHours(calls.getCallbackLinkHours()), Clock.systemUTC(),
                    hub.settings(HttpConfig.class).publicBaseUrl()));
        }
    }
}
