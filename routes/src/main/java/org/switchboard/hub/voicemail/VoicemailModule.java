package org.switchboard.hub.voicemail;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.embedded.EmbeddedMail;
import org.switchboard.hub.mail.MailDeadLetters;
import org.switchboard.hub.mail.MailEndpoints;
import org.switchboard.hub.mail.SmtpSender;
import org.switchboard.hub.module.HubParts;
import org.switchboard.mail.MailSettings;
import org.switchboard.sip.SipComponent;
import org.switchboard.store.MessageStore;
import org.switchboard.voicemail.MailboxOwners;
import org.switchboard.voicemail.VoicemailOutbox;
import org.switchboard.voicemail.VoicemailSpool;
import org.switchboard.voicemail.VoicemailStore;

/**
 * The voicemail area: the PBX's NOTIFYs over SIP (and the subscriptions to its mailboxes), the owners' notifications
 * with the recording, and Asterisk's own voicemail emails forwarded to their owners.
 */
public final class VoicemailModule implements CamelConfiguration {
    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        VoicemailConfig config = hub.settings(VoicemailConfig.class);
        MailEndpoints endpoints = HubParts.shared(camel, MailEndpoints.class);
        MailSettings mail = HubParts.shared(camel, MailSettings.class);
        Map<String, String> owners = new TreeMap<>();
        config.getVoicemail().getMailbox().forEach((mailbox, owner) -> owners.put(MailboxOwners.SETTINGS_PREFIX + mailbox,
                owner));
        MailboxOwners mailboxOwners = new MailboxOwners(MailboxOwners.fromSettings(owners), hub.dataSource());
        VoicemailStore voicemail = new VoicemailStore(hub.dataSource());

        // Asterisk's voicemail emails: the configured account, or the embedded mail server's voicemail mailbox.
        VoicemailConfig.Inbox inbox = config.getVoicemail().getImap();
        boolean configured = !inbox.getUser().isBlank();
        String user = configured ? inbox.getUser() : hub.embeddedMail() != null ? EmbeddedMail.VOICEMAIL_BOX : "";
        if (!user.isEmpty()) {
            String password = configured ? inbox.getPassword() : EmbeddedMail.VOICEMAIL_PASSWORD;
            camel.addRoutes(new VoicemailEmailRoute(endpoints.imap(user, password, inbox.getFolder()), endpoints.smtp(),
                    voicemail, mailboxOwners, mail, "imap " + user, HubParts.shared(camel, MailDeadLetters.Store.class)));
            if (configured) {
                hub.monitoring().watchImap("imap-voicemail", endpoints.imapServer(user, password));
            }
        }
        VoicemailConfig.Sip sip = config.getSip();
        if (sip.isEnabled()) {
            camel.addRoutes(new VoicemailRoute(pbx(camel, sip), voicemail));
            hub.monitoring().watchSip(VoicemailRoute.ROUTE_ID);
            HubConfig.Outbox outbox = hub.settings(HubConfig.class).getOutbox();
            SmtpSender smtp = HubParts.shared(camel, SmtpSender.class);
            camel.addRoutes(new VoicemailNotificationRoute(new VoicemailOutbox(hub.dataSource()), mailboxOwners,
                    new VoicemailSpool(Path.of(config.getVoicemail().getSpool()), config.getVoicemail().getContext()),
                    new MessageStore(hub.dataSource()), mail, smtp, smtp.connections(), config.getVoicemail().getPollMillis(),
                    outbox.getMaxBackoffMillis(), hub.node()));
        }
    }

    /**
     * The {@code sip:} endpoint, from the component configured with the hub's SIP settings: where to listen, whom to
     * believe, and the mailboxes to subscribe to.
     */
    private static Endpoint pbx(CamelContext camel, VoicemailConfig.Sip sip) {
        camel.getComponent("sip", SipComponent.class).setConfiguration(sip);
        return camel.getEndpoint("sip:pbx");
    }
}
