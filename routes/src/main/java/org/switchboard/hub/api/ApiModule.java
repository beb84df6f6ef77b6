package org.switchboard.hub.api;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.UserStore;
import org.switchboard.broadcast.BroadcastAudience;
import org.switchboard.broadcast.BroadcastPlanner;
import org.switchboard.broadcast.BroadcastRecipients;
import org.switchboard.broadcast.BroadcastReport;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.broadcast.BroadcastTimeline;
import org.switchboard.channel.Channels;
import org.switchboard.contacts.ContactStore;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.cluster.NodeRegistry;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.HttpConfig;
import org.switchboard.hub.mail.MailConfig;
import org.switchboard.hub.module.HubParts;
import org.switchboard.journal.JournalReader;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.ConversationTimeline;
import org.switchboard.store.MessageHistory;
import org.switchboard.store.MessageStore;

/**
 * The HTTP API area under /api: sending SMS, the history and each message's journal, contacts and segments,
 * broadcasts, users and keys, the modems, and the OpenAPI document; /health and /metrics for monitors.
 */
public final class ApiModule implements CamelConfiguration {
    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        HttpConfig http = hub.settings(HttpConfig.class);
        HubConfig general = hub.settings(HubConfig.class);
        ApiCredentials credentials = HubParts.shared(camel, ApiCredentials.class);
        Channels channels = HubParts.shared(camel, Channels.class);
        PhoneNumbers numbers = new PhoneNumbers(general.getRegion());
        SegmentStore segments = new SegmentStore(hub.dataSource());
        // First: the REST configuration every area's operations use, and the OpenAPI document of them all.
        camel.addRoutes(new OpenApiRoute(http.getHost(), http.getPort()));
        camel.addRoutes(new HttpApiRoute(new JournalReader(hub.dataSource()), credentials));
        camel.addRoutes(new BroadcastApiRoute(new BroadcastApiRoute.Parts(
                new BroadcastStore(hub.dataSource()), new BroadcastPlanner(hub.dataSource(), numbers, channels),
                new BroadcastAudience(segments), new BroadcastRecipients(hub.dataSource()),
                new BroadcastTimeline(hub.dataSource()), new BroadcastReport(hub.dataSource()), channels,
                general.zoneId())));
        camel.addRoutes(new ContactsApiRoute(new ContactStore(hub.dataSource()), general.getRegion()));
        camel.addRoutes(new SegmentsApiRoute(new ContactStore(hub.dataSource()), segments));
        camel.addRoutes(new SmsApiRoute(new MessageStore(hub.dataSource()), numbers, channels,
                hub.settings(MailConfig.class).getReply().getMaxParts()));
        camel.addRoutes(new MessageHistoryApiRoute(new MessageHistory(hub.dataSource()), numbers, general.zoneId()));
        camel.addRoutes(new ConversationApiRoute(new ConversationTimeline(hub.dataSource()), numbers));
        camel.addRoutes(new NodesApiRoute(HubParts.shared(camel, NodeRegistry.class)));
        camel.addRoutes(new ModemsApiRoute(new ModemReport(channels, hub.monitoring().tally()::counts)));
        camel.addRoutes(new MetricsRoute(hub.monitoring().registry()));
        camel.addRoutes(new AccountsApiRoute(HubParts.shared(camel, UserStore.class),
                HubParts.shared(camel, ApiKeyStore.class), credentials));
    }
}
