package org.switchboard.hub.monitor;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import jakarta.mail.Session;
import jakarta.mail.Transport;

/**
 * Connects to the SMTP server as the hub sends through it: greeting, EHLO, AUTH when the hub has an account there,
 * then QUIT. A server that is up but refuses the hub's login is as useless to the help desk as one that is down.
 */
public final class SmtpProbe implements Callable<Map<String, Object>> {
    private final MailServer server;
    private final Session session;

    public SmtpProbe(MailServer server, Duration timeout) {
        this.server = server;
        String protocol = server.tls() ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(timeout.toMillis()));
        p.put("mail." + protocol + ".timeout", String.valueOf(timeout.toMillis()));
        p.put("mail." + protocol + ".writetimeout", String.valueOf(timeout.toMillis()));
        if (server.user() != null && !server.user().isBlank()) {
            p.put("mail." + protocol + ".auth", "true");
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public Map<String, Object> call() throws Exception {
        Transport t = session.getTransport(server.tls() ? "smtps" : "smtp");
        t.connect(server.host(), server.port(), blankToNull(server.user()), blankToNull(server.password()));
        t.close();
        return Map.of();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
