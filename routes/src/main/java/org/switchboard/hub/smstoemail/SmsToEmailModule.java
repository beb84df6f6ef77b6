package org.switchboard.hub.smstoemail;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.calls.CallbackLinks;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.mail.MailEndpoints;
import org.switchboard.hub.mail.SmtpSender;
import org.switchboard.hub.module.HubParts;
import org.switchboard.mail.MailSettings;
import org.switchboard.store.MessageStore;

/**
 * The SMS-to-email area: every stored inbound SMS mailed to the help desk, in its number's thread, with a link that
 * calls the sender back when click-to-call is on (the {@link CallbackLinks} shared before).
 */
public final class SmsToEmailModule implements CamelConfiguration {
    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        HubConfig.Outbox outbox = hub.settings(HubConfig.class).getOutbox();
        SmtpSender smtp = HubParts.shared(camel, SmtpSender.class);
        MailEndpoints endpoints = HubParts.shared(camel, MailEndpoints.class);
        camel.addRoutes(new EmailOutboxRoute(new MessageStore(hub.dataSource()), HubParts.shared(camel,
                MailSettings.class), smtp, endpoints.smtpServer().address(), smtp.connections(), outbox.getPollMillis(),
                outbox.getMaxBackoffMillis(), hub.node(), camel.getRegistry().findSingleByType(CallbackLinks.class)));
    }
}
