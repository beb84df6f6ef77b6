package org.switchboard.hub.channels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.ChannelRules;
import org.switchboard.channel.Channels;
import org.switchboard.channel.SmsChannel;
import org.switchboard.channel.modem.ModemChannel;
import org.switchboard.channel.smpp.SmppChannel;
import org.switchboard.dispatch.RetryPolicy;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.config.SettingsException;
import org.switchboard.hub.module.HubParts;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalWriter;
import org.switchboard.mo.MoDeliveries;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.smpp.MoParts;
import org.switchboard.smpp.SmppStore;
import org.switchboard.store.MessageStore;
import org.switchboard.store.OutboundQueue;

/**
 * The channels area: the modems (configured, or the embedded simulator's) grouped into channels with their routing
 * rules, a dispatcher per channel line, and the routes that store what the channels receive. Shares {@link Channels}.
 */
public final class ChannelsModule implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelsModule.class);

    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        ChannelsConfig config = hub.settings(ChannelsConfig.class);
        Channels channels = HubParts.share(camel, Channels.class, channels(config, modems(config)));
        ChannelsLifecycle.install(channels, camel);
        hub.monitoring().watchModems(channels.all().stream().filter(c -> c.kind().equals("modem"))
                .flatMap(c -> c.lines().stream()).toList());

        MessageStore store = new MessageStore(hub.dataSource());
        OutboundQueue queue = new OutboundQueue(hub.dataSource());
        // Before any dispatcher runs: what a crash left in a line's hand may have gone out, so it goes again marked.
        List<OutboundQueue.Interrupted> requeued = queue.requeueInterrupted();
        LOG.info("{} SMS left half-sent by the last run {} queued again{}", requeued.size(),
                requeued.size() == 1 ? "is" : "are", requeued.isEmpty() ? "" : ", marked possible duplicate");
        journalInterrupted(requeued);
        camel.addRoutes(new SmsInboundRoute(store, new MoDeliveries(hub.dataSource()).routing()));
        camel.addRoutes(new StatusReportRoute(hub.own(StatusReportRoute.grouped(store))));
        DispatchRoute.Options options = options(config, hub.settings(HubConfig.class));
        for (SmsChannel channel : channels.all()) {
            IdleGate idle = new IdleGate(options.pollMillis(), channel.lines().size());
            ChannelQueue lines = hub.own(new ChannelQueue(queue, channels, channel));
            for (String line : channel.lines()) {
                camel.addRoutes(new DispatchRoute(channels, channel, line, lines, options,
                        hub.monitoring().dispatchLatency(), idle));
            }
        }
    }

    /**
     * Each SMS a crash left in a line's hand gets a hop saying so, before its next one: its trail then shows the
     * transmission that may have happened before the crash as well as the one after, which the journal alone (written
     * after each send, and in batches) cannot show.
     */
    private void journalInterrupted(List<OutboundQueue.Interrupted> requeued) {
        if (!hub.settings(HubConfig.class).getJournal().isEnabled()) {
            return;
        }
        for (OutboundQueue.Interrupted i : requeued) {
            hub.journal().record(Hop.now(JournalKind.OUTBOUND_SMS, i.id(), "interrupted", "channels",
                    "line " + i.line() + " of channel " + i.channel() + " had it when the hub stopped: it may have gone"
                            + " out; " + (i.cancelledBecause() == null ? "sent again, marked possible duplicate"
                            : "not sent again: " + i.cancelledBecause()), null));
        }
    }

    /** The modems configured, or with none and the simulator on, the simulator's. */
    private Map<String, String> modems(ChannelsConfig config) {
        Map<String, String> modems = config.modems();
        if (modems.isEmpty() && hub.simulator() != null) {
            for (SimModem m : hub.simulator().modems()) {
                modems.put("gsm" + m.id(), "host=127.0.0.1&port=" + m.port());
            }
        }
        boolean smpp = config.channels().values().stream().anyMatch(c -> c.getKind().equalsIgnoreCase("smpp"));
        if (modems.isEmpty() && !smpp) {
            throw new SettingsException("switchboard.modem.NAME", "no modem is configured and the simulator is off");
        }
        return modems;
    }

    private Channels channels(ChannelsConfig config, Map<String, String> modems) {
        List<SmsChannel> built = new ArrayList<>();
        Map<String, ChannelRules> rules = new LinkedHashMap<>();
        MoParts moParts = new MoParts(hub.dataSource());
        SmppStore binds = new SmppStore(hub.dataSource());
        JournalWriter hops = hub.settings(HubConfig.class).getJournal().isEnabled() ? hub.journal() : null;
        for (ChannelDefinitions.Definition d : ChannelDefinitions.of(config.channels(), modems)) {
            built.add(d.smpp() != null ? new SmppChannel(d.id(), d.smpp(), moParts, new ChannelBindJournal(d.id(),
                    d.smpp().systemId(), d.smpp().host() + ":" + d.smpp().port(), binds, hops))
                    : new ModemChannel(d.id(), d.modems(), config.secondsPerPart()));
            rules.put(d.id(), d.rules());
        }
        return new Channels(built, rules);
    }

    private static DispatchRoute.Options options(ChannelsConfig config, HubConfig hub) {
        ChannelsConfig.Dispatch d = config.getDispatch();
        Duration maxBackoff = Duration.ofMillis(hub.getOutbox().getMaxBackoffMillis());
        RetryPolicy retries = new RetryPolicy(d.getMaxAttempts(), Duration.ofMillis(d.getFirstRetryMillis()), maxBackoff,
                d.getMaxRequeues());
        return new DispatchRoute.Options(hub.getOutbox().getPollMillis(), retries, Duration.ofMillis(d.getLinePauseMillis()),
                Duration.ofMillis(d.getLinePauseMaxMillis()), d.getMaxPerMinute());
    }
}
