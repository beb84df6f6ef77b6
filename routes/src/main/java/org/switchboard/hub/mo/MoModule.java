package org.switchboard.hub.mo;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.module.HubParts;
import org.switchboard.journal.JournalWriter;
import org.switchboard.mo.MoDeliveries;
import org.switchboard.mo.MoRuleStore;
import org.switchboard.store.RetryBackoff;

/** The MO routing area: routed SMS handed to applications' URLs, and the rules over HTTP. */
public final class MoModule implements CamelConfiguration {
    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        MoConfig mo = hub.settings(MoConfig.class);
        HubConfig general = hub.settings(HubConfig.class);
        JournalWriter hops = general.getJournal().isEnabled() ? hub.journal() : null;
        ExecutorService threads = MoHttpRoute.executor();
        hub.own(threads::shutdownNow);
        long maxBackoff = general.getOutbox().getMaxBackoffMillis();
        camel.addRoutes(new MoHttpRoute(new MoDeliveries(hub.dataSource()), hops, new MoHttpRoute.Options(
                mo.getPollMillis(), mo.getMaxInFlight(), Duration.ofMillis(mo.getTimeoutMillis()), mo.getMaxAttempts(),
                // A short outbox backoff (tests, impatient installs) caps the first pause too.
                new RetryBackoff(Duration.ofMillis(Math.min(maxBackoff, mo.getFirstRetryMillis())),
                        Duration.ofMillis(maxBackoff)), general.zoneId()), threads, hub.node()));
        camel.addRoutes(new MoApiRoute(new MoRuleStore(hub.dataSource())));
    }
}
