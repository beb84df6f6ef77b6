package org.switchboard.hub.emailtosms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.broadcast.BroadcastPlanner;
import org.switchboard.broadcast.BroadcastReport;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.channel.Channels;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.hub.config.DatabaseConfig;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.mail.MailConfig;
import org.switchboard.hub.mail.MailDeadLetters;
import org.switchboard.hub.mail.MailEndpoints;
import org.switchboard.hub.module.HubParts;
import org.switchboard.mail.MailSettings;
import org.switchboard.mail.SenderPolicy;
import org.switchboard.mail.StaffAllowList;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.MessageStore;

/**
 * The email-to-SMS area: staff mail read from the hub's mailbox into SMS, broadcasts requested by mail with their
 * previews and confirmations, and the broadcast reports mailed back.
 */
public final class EmailToSmsModule implements CamelConfiguration {
    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        MailConfig config = hub.settings(MailConfig.class);
        BroadcastConfig broadcast = hub.settings(BroadcastConfig.class);
        MailEndpoints endpoints = HubParts.shared(camel, MailEndpoints.class);
        MailSettings mail = HubParts.shared(camel, MailSettings.class);
        Channels channels = HubParts.shared(camel, Channels.class);
        PhoneNumbers numbers = new PhoneNumbers(hub.settings(HubConfig.class).getRegion());
        BroadcastStore broadcasts = new BroadcastStore(hub.dataSource());
        SenderPolicy staff = new SenderPolicy(new StaffAllowList(config.staff()), config.getMail().getSecret(),
                config.getMail().getTrustedAuthservId());
        camel.addRoutes(new EmailToSmsRoute(new MessageStore(hub.dataSource()), broadcasts, mail, staff, numbers,
                channels, endpoints.hubMailbox(), endpoints.smtp(), HubParts.shared(camel, MailDeadLetters.Store.class)));
        camel.addRoutes(new BroadcastRequestRoute(new BroadcastPlanner(hub.dataSource(), numbers, channels), broadcasts,
                new SegmentStore(hub.dataSource()), mail, channels, broadcast.getConfirmAbove(), endpoints.smtp()));
        camel.addRoutes(new BroadcastConfirmationRoute(broadcasts, mail, endpoints.smtp()));
        camel.addRoutes(new BroadcastReportRoute(broadcasts, new BroadcastReport(hub.dataSource()), mail,
                endpoints.smtp(), broadcast.getReportPollMillis(), Duration.ofMillis(broadcast.getReportGraceMillis()),
                reportCsvDir(hub.settings(DatabaseConfig.class).dataDir()), hub.node()));
    }

    /**
     * Where report CSVs wait while their mail is sent, next to the embedded database's data: emptied here, so the file
     * of a report a crash interrupted does not stay forever.
     */
    private static Path reportCsvDir(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("tmp/reports");
        Files.createDirectories(dir);
        try (var leftovers = Files.list(dir)) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(p);
            }
        }
        return dir;
    }
}
