package org.switchboard.hub.smpp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.auth.RateBuckets;
import org.switchboard.channel.Channels;
import org.switchboard.channel.smpp.SmppChannel;
import org.switchboard.hub.config.ClusterConfig;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.http.HttpConfig;
import org.switchboard.hub.module.HubParts;
import org.switchboard.journal.JournalWriter;
import org.switchboard.mo.MoDeliveries;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.smpp.LiveBinds;
import org.switchboard.smpp.NewSubmit;
import org.switchboard.smpp.SmppAccountStore;
import org.switchboard.smpp.SmppStore;
import org.switchboard.smpp.StoredSubmit;
import org.switchboard.store.GroupCommit;
import org.switchboard.store.RetryBackoff;

/**
 * The SMPP area: the hub's SMPP server for applications (accounts bind, submit_sm is committed then routed through the
 * channels like any outbound SMS), the routes that hand them their delivery receipts and the inbound SMS an MO rule
 * routed to them, and the accounts over HTTP.
 */
public final class SmppModule implements CamelConfiguration {
    /** submit_sm that may wait for a commit at once, over all binds; more are answered ESME_RMSGQFUL. */
    private static final int QUEUED_SUBMITS = 10_000;

    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        SmppConfig.Server config = hub.settings(SmppConfig.class).getServer();
        SmppAccountStore accounts = new SmppAccountStore(hub.dataSource());
        // The account limits hold over every node: the binds open and the throughput buckets are in the database.
        BoundApps apps = new BoundApps(new LiveBinds(hub.dataSource()), new RateBuckets(hub.dataSource()),
                hub.settings(ClusterConfig.class).nodeId());
        // The accounts can be managed while the server is off (none binds until it is on).
        List<SmppChannel> upstream = HubParts.shared(camel, Channels.class).all().stream()
                .filter(SmppChannel.class::isInstance).map(SmppChannel.class::cast).toList();
        camel.addRoutes(new SmppApiRoute(accounts, apps, upstream));
        for (SmppChannel c : upstream) {
            SmppMeters.bindChannel(hub.monitoring().registry(), c);
            hub.monitoring().watch(new SmppChannelHealthCheck(c));
        }
        if (!config.isEnabled()) {
            return;
        }
        HubConfig general = hub.settings(HubConfig.class);
        JournalWriter hops = general.getJournal().isEnabled() ? hub.journal() : null;
        SmppStore store = new SmppStore(hub.dataSource());
        GroupCommit<NewSubmit, StoredSubmit> commits = hub.own(new GroupCommit<>("smpp", store::storeWhole,
                config.getCommitWriters(), config.getCommitMaxRows(), QUEUED_SUBMITS));
        MeterRegistry meters = hub.monitoring().registry();
        SubmitHandler submits = new SubmitHandler(apps, new PhoneNumbers(general.getRegion()), commits, store, hops,
                Duration.ofMillis(config.getResponseTimeoutMillis()), meters);
        SmppServer server = new SmppServer(hub.settings(HttpConfig.class).getHost(), config,
                accounts, store, apps, submits, hops, meters);
        camel.addService(server, true, true);
        hub.monitoring().watch(new SmppServerHealthCheck(server, apps));
        HubParts.share(camel, SmppServer.class, server);
        ExecutorService senders = SmppReceiptRoute.senders(config.getReceiptMaxInFlight());
        hub.own(senders::shutdownNow);
        long maxBackoff = general.getOutbox().getMaxBackoffMillis();
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(Math.min(1000, maxBackoff)),
                Duration.ofMillis(maxBackoff));
        camel.addRoutes(new SmppReceiptRoute(store, apps, hops, config, general.zoneId(), backoff, senders,
                hub.node()));
        camel.addRoutes(new SmppMoRoute(new MoDeliveries(hub.dataSource()), apps, hops, config, backoff, senders,
                hub.node()));
    }
}
