package org.switchboard.hub.kannel;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.HttpConfig;
import org.switchboard.hub.module.HubParts;
import org.switchboard.journal.JournalWriter;
import org.switchboard.kannel.KannelStore;
import org.switchboard.kannel.NewSendsms;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.GroupCommit;
import org.switchboard.store.RetryBackoff;

/** The Kannel area: sendsms on /cgi-bin/sendsms for applications written for Kannel, and the dlr-url calls. */
public final class KannelModule implements CamelConfiguration {
    /** Requests whose rows may wait for a commit at once; more are answered Kannel's try-again-later. */
    private static final int QUEUED_REQUESTS = 10_000;
    /** How long a sendsms request waits for its rows' commit before it answers Kannel's try-again-later. */
    private static final long COMMIT_TIMEOUT_MILLIS = 10_000;

    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        KannelConfig kannel = hub.settings(KannelConfig.class);
        if (!kannel.isEnabled()) {
            return;
        }
        HubConfig general = hub.settings(HubConfig.class);
        HttpConfig http = hub.settings(HttpConfig.class);
        KannelStore store = new KannelStore(hub.dataSource());
        GroupCommit<NewSendsms, Long> commits = hub.own(new GroupCommit<>("sendsms", store::store,
                kannel.getCommitWriters(), kannel.getCommitMaxRows(), QUEUED_REQUESTS));
        JournalWriter hops = general.getJournal().isEnabled() ? hub.journal() : null;
        camel.addRoutes(new KannelSendsmsRoute(http.getHost(), http.getPort(), HubParts.shared(camel, ApiCredentials.class),
                new PhoneNumbers(general.getRegion()), commits, hops, COMMIT_TIMEOUT_MILLIS));
        ExecutorService dlrThreads = KannelDlrRoute.executor();
        hub.own(dlrThreads::shutdownNow);
        KannelConfig.Dlr dlr = kannel.getDlr();
        long maxBackoff = general.getOutbox().getMaxBackoffMillis();
        camel.addRoutes(new KannelDlrRoute(store, hops, new KannelDlrRoute.Options(dlr.getPollMillis(),
                dlr.getMaxInFlight(), Duration.ofMillis(dlr.getTimeoutMillis()), dlr.getMaxAttempts(),
                // A short outbox backoff (tests, impatient installs) caps the first pause too.
                new RetryBackoff(Duration.ofMillis(Math.min(maxBackoff, dlr.getFirstRetryMillis())),
                        Duration.ofMillis(maxBackoff))), dlrThreads, hub.node()));
    }
}
