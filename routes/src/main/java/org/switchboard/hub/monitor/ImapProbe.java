package org.switchboard.hub.monitor;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import jakarta.mail.Session;
import jakarta.mail.Store;

/** Logs in to the IMAP account the hub reads (the help desk's replies, or Asterisk's voicemail emails), then out. */
public final class ImapProbe implements Callable<Map<String, Object>> {
    private final MailServer server;
    private final Session session;

    public ImapProbe(MailServer server, Duration timeout) {
        this.server = server;
        String protocol = server.tls() ? "imaps" : "imap";
        Properties p = new Properties();
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(timeout.toMillis()));
        p.put("mail." + protocol + ".timeout", String.valueOf(timeout.toMillis()));
        p.put("mail." + protocol + ".writetimeout", String.valueOf(timeout.toMillis()));
        this.session = Session.getInstance(p);
    }

    @Override
    public Map<String, Object> call() throws Exception {
        Store store = session.getStore(server.tls() ? "imaps" : "imap");
        store.connect(server.host(), server.port(), server.user(), server.password());
        store.close();
        return Map.of();
    }
}
