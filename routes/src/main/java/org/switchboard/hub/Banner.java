package org.switchboard.hub;

import java.util.Map;

import org.switchboard.hub.config.Settings;
import org.switchboard.hub.embedded.EmbeddedMail;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.store.Database;

/** The start-up text: where everything is and how to try it, for the admin who just ran the jar. */
final class Banner {
    private Banner() {
    }

    static String text(Settings s, Database db, EmbeddedMail mail, SimNetwork sim, Map<String, String> modems,
            String adminPassword, boolean passwordGenerated) {
        String http = "http://" + s.get("switchboard.http.host") + ":" + s.get("switchboard.http.port");
        StringBuilder b = new StringBuilder();
        b.append("\nSwitchboard is running. Settings: ").append(s.source()).append('\n');
        b.append("  Health       ").append(http).append("/health   (open; ").append(http)
                .append("/metrics and /api/modems with the API's credentials)\n");
        b.append("  Dashboard    ").append(http).append("/dashboard/   (sign in as admin)\n");
        b.append("  API          ").append(http).append("/api/messages/in-1/hops   (user admin, ")
                .append(passwordGenerated ? "password " + adminPassword + " - generated now, shown only this once)"
                        : "password from SWITCHBOARD_ADMIN_PASSWORD or data/admin-password)")
                .append('\n');
        b.append("  Users        switchboard users add NAME --role staff; API keys: switchboard keys create NAME"
                + " (or, while the hub runs, ").append(http).append("/api/users and /api/keys as admin)\n");
        b.append("  Database     ").append(db.describe()).append('\n');
        if (mail != null) {
            b.append("  Mail         embedded: SMTP 127.0.0.1:").append(mail.smtpPort()).append(", IMAP 127.0.0.1:")
                    .append(mail.imapPort()).append('\n');
            for (EmbeddedMail.Mailbox m : mail.mailboxes()) {
                b.append("               ").append(m.address()).append("  password ").append(m.password()).append('\n');
            }
        } else {
            b.append("  Mail         SMTP ").append(s.get("switchboard.smtp.host")).append(':')
                    .append(s.get("switchboard.smtp.port")).append(", IMAP ").append(s.get("switchboard.imap.host"))
                    .append(':').append(s.get("switchboard.imap.port")).append(" as ")
                    .append(s.get("switchboard.imap.user")).append('\n');
        }
        b.append("  Help desk    SMS arrive as email to ").append(s.get("switchboard.helpdesk.address")).append('\n');
        b.append("  By email     staff (").append(s.get("switchboard.staff")).append(") write to NUMBER@")
                .append(s.get("switchboard.sms.domain")).append(" for one SMS, SEGMENT@")
                .append(s.get("switchboard.broadcast.domain")).append(" for a broadcast\n");
        if (s.getBoolean("switchboard.sip.enabled")) {
            b.append("  Voicemail    SIP NOTIFY message-summary on ").append(s.get("switchboard.sip.host")).append(':')
                    .append(s.get("switchboard.sip.port")).append(" (UDP, TCP) from ")
                    .append(s.get("switchboard.sip.allowed-peers")).append('\n');
        }
        b.append("  Contacts     curl -u admin:PASSWORD -H 'Content-Type: text/csv' --data-binary @contacts.csv ")
                .append(http).append("/api/contacts/import\n");
        if (s.getBoolean("switchboard.kannel.enabled")) {
            b.append("  Kannel       ").append(http)
                    .append("/cgi-bin/sendsms?username=admin&password=PASSWORD&to=0812...&text=...   (as smsbox)\n");
        }
        modems.forEach((name, uri) -> b.append("  Modem        ").append(name).append("  ")
                .append(uri.replaceAll("password=[^&]*", "password=***")).append('\n'));
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
                        .append("/INBOX;UID=1' -u ").append(s.get("switchboard.helpdesk.address"))
                        .append(":helpdesk   (or any mail client)\n");
                b.append("  3. Reply to it as staff@switchboard.local (SMTP 127.0.0.1:").append(mail.smtpPort())
                        .append("); the SMS it becomes:  curl -s http://127.0.0.1:").append(sim.controlPort())
                        .append("/modems/1/delivered\n");
            }
        }
        return b.toString();
    }
}
