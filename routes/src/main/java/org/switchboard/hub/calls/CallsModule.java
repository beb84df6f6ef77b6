package org.switchboard.hub.calls;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.calls.CallListener;
import org.switchboard.calls.CallStore;
import org.switchboard.calls.ClickToCall;
import org.switchboard.calls.ami.AmiClickToCall;
import org.switchboard.calls.ami.AmiConnection;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.module.HubParts;
import org.switchboard.journal.JournalReader;
import org.switchboard.numbers.PhoneNumbers;

/**
 * The click-to-call area: the HTTP operations always (answering 503 while click-to-call is off), and with
 * {@code switchboard.calls.mode=ami} the session with the PBX's manager, whose calls' states go through
 * {@link CallStateRoute} into the database and the journal.
 */
public final class CallsModule implements CamelConfiguration {
    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        CallsConfig config = hub.settings(CallsConfig.class);
        HubConfig general = hub.settings(HubConfig.class);
        CallStore store = new CallStore(hub.dataSource());
        ClickToCall way = null;
        String off = "set switchboard.calls.mode to ami (with switchboard.calls.ami.host, .user, .password, .context)"
                + " to place calls through Asterisk's manager interface";
        if (config.getMode().equals(CallsConfig.AMI)) {
            way = hub.own(ami(config.getAmi(), hub.own(new CallStateWriter(camel))));
            camel.addRoutes(new CallStateRoute(store, hub.monitoring().registry(), way.way()));
            ClickToCall up = way;
            Gauge.builder("switchboard.calls.pbx.up", () -> up.unavailable().isEmpty() ? 1 : 0)
                    .description("Whether the way to the PBX is ready for calls (1) or not (0)")
                    .tag("way", way.way()).register(hub.monitoring().registry());
        } else if (config.getMode().equals(CallsConfig.SIP)) {
            off = "switchboard.calls.mode=sip (third-party call control) is not in this build yet; use ami";
        }
        camel.addRoutes(new CallsApiRoute(store, way, off, new PhoneNumbers(general.getRegion()), general.zoneId(),
                new JournalReader(hub.dataSource())));
    }

    private static AmiClickToCall ami(CallsConfig.Ami ami, CallListener listener) {
        return new AmiClickToCall(new AmiConnection.Settings(ami.getHost(), ami.getPort(), ami.getUser(),
                ami.getPassword(), Duration.ofMillis(ami.getConnectTimeoutMillis()),
                Duration.ofMillis(ami.getReconnectMillis()), Duration.ofMillis(ami.getReconnectMaxMillis()),
                Duration.ofMillis(ami.getKeepaliveMillis())), new AmiClickToCall.Dialplan(ami.getChannel(),
                        ami.getContext(), ami.getExten(), Duration.ofMillis(ami.getRingMillis())), listener,
                Clock.systemUTC()).start();
    }
}
