package org.switchboard.hub.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.switchboard.calls.Call;
import org.switchboard.calls.CallCause;
import org.switchboard.calls.CallState;
import org.switchboard.calls.CallTransition;
import org.switchboard.calls.CallListener;
import org.switchboard.calls.CallStore;
import org.switchboard.calls.CallbackLinks;
import org.switchboard.calls.ClickToCall;
import org.switchboard.calls.ami.AmiClickToCall;
import org.switchboard.calls.sip.SipClickToCall;
import org.switchboard.calls.sip.ThirdPartyCall;
import org.switchboard.hub.config.ClusterConfig;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.module.HubParts;
import org.switchboard.hub.voicemail.VoicemailConfig;
import org.switchboard.journal.JournalReader;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.sip.stack.SipStackOptions;

/**
 * The click-to-call area: the HTTP operations always (answering 503 while click-to-call is off), and with
 * {@code switchboard.calls.mode=ami} the session with the PBX's manager, or with {@code sip} third-party call control
 * from the hub's SIP stack; either way the calls' states go through {@link CallStateRoute} into the database and the
 * journal; and the page and operations of the emails' call-back links ({@link CallbackLinkRoute}).
 */
public final class CallsModule implements CamelConfiguration {
    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        CallsConfig config = hub.settings(CallsConfig.class);
        HubConfig general = hub.settings(HubConfig.class);
        CallStore store = new CallStore(hub.dataSource());
        String nodeId = hub.settings(ClusterConfig.class).nodeId();
        ClickToCall way = null;
        String off = "set switchboard.calls.mode to ami (with switchboard.calls.ami.host, .user, .password, .context)"
                + " to place calls through Asterisk's manager interface, or to sip (with switchboard.calls.sip.pbx,"
                + " .user, .password) for SIP third-party call control";
        if (!config.getMode().isEmpty()) {
            CallStateWriter states = hub.own(new CallStateWriter(camel, store::recordAll));
            giveUpLeftOpen(camel, store, nodeId, states);
            way = hub.own(config.getMode().equals(CallsConfig.AMI) ? ami(config.getAmi(), states)
                    : sip(config.getSip(), hub.settings(VoicemailConfig.class).getSip(), states));
            camel.addRoutes(new CallStateRoute(store, hub.monitoring().registry(), way.way()));
            ClickToCall up = way;
            Gauge.builder("switchboard.calls.pbx.up", () -> up.unavailable().isEmpty() ? 1 : 0)
                    .description("Whether the way to the PBX is ready for calls (1) or not (0)")
                    .tag("way", way.way()).register(hub.monitoring().registry());
        }
        camel.addRoutes(new CallsApiRoute(store, way, off, new PhoneNumbers(general.getRegion()), general.zoneId(),
                new JournalReader(hub.dataSource()), nodeId));
        camel.addRoutes(new CallbackLinkRoute(camel.getRegistry().findSingleByType(CallbackLinks.class), way != null, store,
                hub.journal(), general.zoneId()));
    }

    /**
     * The calls this node placed before it stopped (or crashed) and that were still open: their events went with the
     * old session, so they are given up (failed, or ended for those connected) once Camel runs. Read now, before any
     * request can place a new one.
     */
    private static void giveUpLeftOpen(CamelContext camel, CallStore store, String nodeId, CallListener states)
            throws Exception {
        List<Call> open = store.openOn(nodeId);
        if (open.isEmpty()) {
            return;
        }
        camel.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // Routes are started only when fully started.
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                for (Call c : open) {
                    states.changed(new CallTransition(c.id(), c.state() == CallState.CONNECTED ? CallState.ENDED
                            : CallState.FAILED, CallCause.HUB_RESTARTED, null, "the hub node " + nodeId + " started again"
                            + " while the call was " + c.state().text() + "; its events were lost", Instant.now()));
                }
            }
        });
    }

    /**
     * The SIP way, on the hub's SIP stack: the address {@code switchboard.sip.*} listens on (shared with the voicemail
     * subscription's {@code sip:} consumer, which must ask for the same options to share it).
     */
    private static SipClickToCall sip(CallsConfig.Sip sip, VoicemailConfig.Sip stack, CallListener listener)
            throws Exception {
        String contact = stack.getContactHost() != null && !stack.getContactHost().isBlank() ? stack.getContactHost()
                : stack.getHost();
        return new SipClickToCall(new SipStackOptions(stack.getHost(), stack.getPort(), stack.transportList(),
                stack.getUdpBufferSize(), stack.getTraceLevel()), new SipClickToCall.Settings(sip.agentUri(),
                        sip.customerUri(), sip.getUser(), sip.getPassword(), contact, new ThirdPartyCall.Timing(
                                Duration.ofMillis(sip.getRingMillis()), Duration.ofMillis(sip.getCustomerRingMillis()),
                                Duration.ofMillis(sip.getNoResponseMillis()))), listener, Clock.systemUTC()).start();
    }

    private static AmiClickToCall ami(CallsConfig.Ami ami, CallListener listener) {
        return new AmiClickToCall(new AmiClickToCall.Settings(ami.getHost(), ami.getPort(), ami.getUser(),
                ami.getPassword(), Duration.ofMillis(ami.getConnectTimeoutMillis()),
                Duration.ofMillis(ami.getReconnectMillis()), Duration.ofMillis(ami.getReconnectMaxMillis()),
                Duration.ofMillis(ami.getKeepaliveMillis())), new AmiClickToCall.Dialplan(ami.getChannel(),
                        ami.getContext(), ami.getExten(), Duration.ofMillis(ami.getRingMillis())), listener,
                Clock.systemUTC()).start();
    }
}
