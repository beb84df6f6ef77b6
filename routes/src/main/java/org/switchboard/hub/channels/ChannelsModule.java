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
import org.switchboard.hub.config.ClusterConfig;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.config.SettingsException;
import org.switchboard.hub.module.HubParts;
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
        Duration lease = hub.settings(ClusterConfig.class).lease();
        OutboundQueue queue = new OutboundQueue(hub.dataSource(), hub.node(), lease);
        InterruptedSends interrupted = new InterruptedSends(hub.journal(),
                hub.settings(HubConfig.class).getJournal().isEnabled());
        // Before any dispatcher runs: what this node's crash left in a line's hand may have gone out, so it goes again
        // marked. What other nodes hold is theirs until their lease runs out.
        List<OutboundQueue.Interrupted> requeued = queue.requeueInterrupted();
        LOG.info("{} SMS left half-sent by the last run {} queued again{}", requeued.size(),
                requeued.size() == 1 ? "is" : "are", requeued.isEmpty() ? "" : ", marked possible duplicate");
        interrupted.record(requeued, "the hub stopped");
        camel.addRoutes(new LeaseExpiryRoute(queue, interrupted, Math.max(1_000, lease.toMillis() / 3)));
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
