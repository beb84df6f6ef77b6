package org.switchboard.hub.mail;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.deadletter.DeadLetters;
import org.switchboard.deadletter.RepeatedFailures;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.embedded.EmbeddedMail;
import org.switchboard.hub.module.HubParts;
import org.switchboard.mail.MailSettings;

/**
 * What the mail areas share: the SMTP and IMAP endpoints, the addresses and domains, the kept-open SMTP connections,
 * the dead letters of mail that cannot be handled, and the health checks of both servers.
 */
public final class MailModule implements CamelConfiguration {
    /** Failures the same way in a row that make a mail poison. */
    private static final int POISON_AFTER = 2;

    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) {
        MailConfig config = hub.settings(MailConfig.class);
        EmbeddedMail embedded = hub.embeddedMail();
        MailEndpoints endpoints = HubParts.share(camel, MailEndpoints.class, new MailEndpoints(config,
                embedded != null ? embedded.smtpPort() : config.getSmtp().getPort(),
                embedded != null ? embedded.imapPort() : config.getImap().getPort()));
        HubParts.share(camel, MailSettings.class, new MailSettings(config.getHelpdesk().getAddress(),
                config.getSms().getDomain(), config.getHub().getAddress(), hub.settings(HubConfig.class).zoneId(),
                config.getReply().getMaxParts(), config.getBroadcast().getDomain()));
        HubParts.share(camel, SmtpSender.class, hub.own(new SmtpSender(endpoints.smtpServer(),
                config.getSmtp().getConnections())));
        HubParts.share(camel, MailDeadLetters.Store.class, new MailDeadLetters.Store(new RepeatedFailures(POISON_AFTER),
                new DeadLetters(hub.dataSource())));
        hub.monitoring().watchSmtp(endpoints.smtpServer());
        hub.monitoring().watchImap("imap", endpoints.imapServer(config.getImap().getUser(),
                config.getImap().getPassword()));
    }
}
