package org.switchboard.hub;

import org.switchboard.channel.Channels;
import org.switchboard.channel.SmsChannel;
import org.switchboard.hub.config.Settings;
import org.switchboard.hub.embedded.EmbeddedMail;
import org.switchboard.hub.http.AdminPassword;
import org.switchboard.hub.http.HttpConfig;
import org.switchboard.hub.kannel.KannelConfig;
import org.switchboard.hub.mail.MailConfig;
import org.switchboard.hub.mail.MailEndpoints;
import org.switchboard.hub.module.HubParts;
import org.switchboard.hub.smpp.SmppConfig;
import org.switchboard.hub.voicemail.VoicemailConfig;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;

/** The start-up text: where everything is and how to try it, for the admin who just ran the jar. */
final class Banner {
    private Banner() {
    }

    static String text(Settings settings, HubParts hub, Channels channels, MailEndpoints mailEndpoints,
            AdminPassword admin) {
        HttpConfig httpConfig = hub.settings(HttpConfig.class);
        MailConfig mailConfig = hub.settings(MailConfig.class);
        VoicemailConfig.Sip sip = hub.settings(VoicemailConfig.class).getSip();
        EmbeddedMail mail = hub.embeddedMail();
        SimNetwork sim = hub.simulator();
        String http = "http://" + httpConfig.getHost() + ":" + httpConfig.getPort();
        StringBuilder b = new StringBuilder();
        b.append("\nSwitchboard is running. Settings: ").append(settings.source()).append('\n');
        b.append("  Health       ").append(http).append("/health   (open; ").append(http)
                .append("/metrics and /api/modems with the API's credentials)\n");
        b.append("  Dashboard    ").append(http).append("/dashboard/   (sign in as admin)\n");
        b.append("  API          ").append(http).append("/api/messages/in-1/hops   (user admin, ")
                .append(admin.generated() ? "password " + admin.password() + " - generated now, shown only this once)"
                        : "password from SWITCHBOARD_ADMIN_PASSWORD or data/admin-password)")
                .append('\n');
        b.append("  Users        switchboard users add NAME --role staff; API keys: switchboard keys create NAME"
                + " (or, while the hub runs, ").append(http).append("/api/users and /api/keys as admin)\n");
        b.append("  Database     ").append(hub.database().describe()).append('\n');
        if (mail != null) {
            b.append("  Mail         embedded: SMTP 127.0.0.1:").append(mail.smtpPort()).append(", IMAP 127.0.0.1:")
                    .append(mail.imapPort()).append('\n');
            for (EmbeddedMail.Mailbox m : mail.mailboxes()) {
                b.append("               ").append(m.address()).append("  password ").append(m.password()).append('\n');
            }
        } else {
            b.append("  Mail         SMTP ").append(mailEndpoints.smtpServer().address()).append(", IMAP ")
                    .append(mailEndpoints.imapServer(mailConfig.getImap().getUser(), "").address()).append(" as ")
                    .append(mailConfig.getImap().getUser()).append('\n');
        }
        b.append("  Help desk    SMS arrive as email to ").append(mailConfig.getHelpdesk().getAddress()).append('\n');
        b.append("  By email     staff (").append(String.join(", ", mailConfig.staff())).append(") write to NUMBER@")
                .append(mailConfig.getSms().getDomain()).append(" for one SMS, SEGMENT@")
                .append(mailConfig.getBroadcast().getDomain()).append(" for a broadcast\n");
        if (sip.isEnabled()) {
            b.append("  Voicemail    SIP NOTIFY message-summary on ").append(sip.getHost()).append(':')
                    .append(sip.getPort()).append(" (").append(sip.getTransports()).append(") from ")
                    .append(sip.getAllowedPeers()).append('\n');
        }
        b.append("  Contacts     curl -u admin:PASSWORD -H 'Content-Type: text/csv' --data-binary @contacts.csv ")
                .append(http).append("/api/contacts/import\n");
        if (hub.settings(KannelConfig.class).isEnabled()) {
            b.append("  Kannel       ").append(http)
                    .append("/cgi-bin/sendsms?username=admin&password=PASSWORD&to=0812...&text=...   (as smsbox)\n");
        }
        SmppConfig.Server smpp = hub.settings(SmppConfig.class).getServer();
        if (smpp.isEnabled()) {
            b.append("  SMPP         applications bind on ").append(httpConfig.getHost()).append(':')
                    .append(smpp.getPort()).append("; accounts: switchboard smpp accounts add SYSTEM_ID --password PASS"
                            + " (or ").append(http).append("/api/smpp/accounts as admin)\n");
        }
        for (SmsChannel c : channels.all()) {
            b.append("  Channel      ").append(c.id()).append(" (").append(c.kind()).append("): ")
                    .append(String.join(", ", c.lines())).append('\n');
        }
        if (sim != null) {
            for (SimModem m : sim.modems()) {
                b.append("  Simulated    modem ").append(m.id()).append(" is ").append(m.number()).append(" on 127.0.0.1:")
                        .append(m.port()).append('\n');
            }
            b.append("  Simulator    ").append(sim.controlUrl()).append('\n');
            b.append("\nTry it:\n");
            b.append("  1. An SMS arrives:   curl -s -XPOST http://127.0.0.1:").append(sim.controlPort())
                    .append("/modems/1/inbound -d '{\"from\":\"+6281234567890\",\"text\":\"Halo, saya mau tanya\"}'\n");
            if (mail != null) {
                b.append("  2. Read the mailbox: curl -s 'imap://127.0.0.1:").append(mail.imapPort())
                        .append("/INBOX;UID=1' -u ").append(mailConfig.getHelpdesk().getAddress())
                        .append(":helpdesk   (or any mail client)\n");
                b.append("  3. Reply to it as staff@switchboard.local (SMTP 127.0.0.1:").append(mail.smtpPort())
                        .append("); the SMS it becomes:  curl -s http://127.0.0.1:").append(sim.controlPort())
                        .append("/modems/1/delivered\n");
            }
        }
        return b.toString();
    }
}
