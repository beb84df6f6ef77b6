package org.switchboard.hub.voicemail;

import java.util.Map;
import java.util.TreeMap;

import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;

/**
 * Voicemail from the PBX: where the hub listens for SIP NOTIFYs and whom it believes, the mailboxes it subscribes to
 * ({@code switchboard.sip.*}), who owns which mailbox, where Asterisk's recordings are, and the mailbox of Asterisk's
 * own voicemail emails ({@code switchboard.voicemail.*}).
 */
public final class VoicemailConfig implements SettingsSection {
    private final Sip sip = new Sip();
    private final Voicemail voicemail = new Voicemail();

    /** {@code switchboard.sip.*}. */
    public static final class Sip {
        private boolean enabled = true;
        private String host = "127.0.0.1";
        private int port = 5060;
        private String transports = "udp,tcp";
        private String allowedPeers = "127.0.0.1";
        private String subscribe = "";
        private String username = "";
        private String password = "";
        private int expires = 3600;
        private int subscribeTimeoutMillis = 32_000;
        private int resubscribeMillis = 1000;
        private int resubscribeMaxMillis = 60_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getTransports() {
            return transports;
        }

        public void setTransports(String transports) {
            this.transports = transports;
        }

        public String getAllowedPeers() {
            return allowedPeers;
        }

        public void setAllowedPeers(String allowedPeers) {
            this.allowedPeers = allowedPeers;
        }

        /** Mailboxes to SUBSCRIBE to ({@code mailbox@pbx-host:port}, comma-separated); blank: none. */
        public String getSubscribe() {
            return subscribe;
        }

        public void setSubscribe(String subscribe) {
            this.subscribe = subscribe;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public int getExpires() {
            return expires;
        }

        public void setExpires(int expires) {
            this.expires = expires;
        }

        public int getSubscribeTimeoutMillis() {
            return subscribeTimeoutMillis;
        }

        public void setSubscribeTimeoutMillis(int subscribeTimeoutMillis) {
            this.subscribeTimeoutMillis = subscribeTimeoutMillis;
        }

        public int getResubscribeMillis() {
            return resubscribeMillis;
        }

        public void setResubscribeMillis(int resubscribeMillis) {
            this.resubscribeMillis = resubscribeMillis;
        }

        public int getResubscribeMaxMillis() {
            return resubscribeMaxMillis;
        }

        public void setResubscribeMaxMillis(int resubscribeMaxMillis) {
            this.resubscribeMaxMillis = resubscribeMaxMillis;
        }
    }

    /** {@code switchboard.voicemail.*}. */
    public static final class Voicemail {
        private Map<String, String> mailbox = new TreeMap<>();
        private String spool = "/var/spool/asterisk/voicemail";
        private String context = "default";
        private long pollMillis = 500;
        private final Inbox imap = new Inbox();

        /** {@code switchboard.voicemail.mailbox.MAILBOX=email[, +E164]}: the owner of each mailbox. */
        public Map<String, String> getMailbox() {
            return mailbox;
        }

        public void setMailbox(Map<String, String> mailbox) {
            this.mailbox = mailbox;
        }

        public String getSpool() {
            return spool;
        }

        public void setSpool(String spool) {
            this.spool = spool;
        }

        public String getContext() {
            return context;
        }

        public void setContext(String context) {
            this.context = context;
        }

        public long getPollMillis() {
            return pollMillis;
        }

        public void setPollMillis(long pollMillis) {
            this.pollMillis = pollMillis;
        }

        public Inbox getImap() {
            return imap;
        }
    }

    /** {@code switchboard.voicemail.imap.*}: the account Asterisk's voicemail emails arrive in; blank user: none. */
    public static final class Inbox {
        private String user = "";
        private String password = "";
        private String folder = "INBOX";

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getFolder() {
            return folder;
        }

        public void setFolder(String folder) {
            this.folder = folder;
        }
    }

    @Override
    public String prefix() {
        return "switchboard.";
    }

    @Override
    public void check(SettingsCheck check) {
        if (sip.enabled) {
            check.notBlank("sip.host", sip.host);
            check.port("sip.port", sip.port, true);
            check.notBlank("sip.transports", sip.transports);
            check.atLeast("sip.expires", sip.expires, 1);
            check.atLeast("sip.subscribe-timeout-millis", sip.subscribeTimeoutMillis, 1);
            check.atLeast("sip.resubscribe-millis", sip.resubscribeMillis, 1);
            check.atLeast("sip.resubscribe-max-millis", sip.resubscribeMaxMillis, sip.resubscribeMillis);
        }
        check.atLeast("voicemail.poll-millis", voicemail.pollMillis, 1);
    }

    public Sip getSip() {
        return sip;
    }

    public Voicemail getVoicemail() {
        return voicemail;
    }
}
