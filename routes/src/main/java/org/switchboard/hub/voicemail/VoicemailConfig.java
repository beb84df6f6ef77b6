package org.switchboard.hub.voicemail;

import java.util.Map;
import java.util.TreeMap;

import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;
import org.switchboard.sip.SipConfiguration;

/**
 * Voicemail from the PBX: where the hub listens for SIP NOTIFYs and whom it believes, the mailboxes it subscribes to
 * ({@code switchboard.sip.*}), who owns which mailbox, where Asterisk's recordings are, and the mailbox of Asterisk's
 * own voicemail emails ({@code switchboard.voicemail.*}).
 */
public final class VoicemailConfig implements SettingsSection {
    private final Sip sip = new Sip();
    private final Voicemail voicemail = new Voicemail();

    /**
     * {@code switchboard.sip.*}: the {@code sip:} component's own configuration (host, port, transports, allowed-peers,
     * subscribe, username, password, expires, ...), whether it runs, and the hub's names of three of its options.
     */
    public static final class Sip extends SipConfiguration {
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** {@code subscribe-timeout-millis}: the component's subscribeTimeout. */
        public void setSubscribeTimeoutMillis(long millis) {
            setSubscribeTimeout(millis);
        }

        /** {@code resubscribe-millis}: the component's resubscribeDelay. */
        public void setResubscribeMillis(long millis) {
            setResubscribeDelay(millis);
        }

        /** {@code resubscribe-max-millis}: the component's resubscribeMaxDelay. */
        public void setResubscribeMaxMillis(long millis) {
            setResubscribeMaxDelay(millis);
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
            check.notBlank("sip.host", sip.getHost());
            check.port("sip.port", sip.getPort(), true);
            check.notBlank("sip.transports", sip.getTransports());
            check.atLeast("sip.expires", sip.getExpires(), 1);
            check.atLeast("sip.subscribe-timeout-millis", sip.getSubscribeTimeout(), 1);
            check.atLeast("sip.resubscribe-millis", sip.getResubscribeDelay(), 1);
            check.atLeast("sip.resubscribe-max-millis", sip.getResubscribeMaxDelay(), sip.getResubscribeDelay());
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
