package org.switchboard.hub.mail;

import java.util.Arrays;
import java.util.List;

import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;

/**
 * The mail side of the hub: the SMTP server it sends through and the IMAP mailbox it reads ({@code switchboard.smtp.*},
 * {@code switchboard.imap.*}), whether they are the embedded ones ({@code switchboard.mail.embedded}), the help desk's
 * and the hub's addresses, the domains SMS and broadcasts are addressed in, and who may trigger SMS by mail ({@code switchboard.staff},
 * {@code switchboard.mail.secret}, {@code switchboard.mail.trusted-authserv-id}).
 */
public final class MailConfig implements SettingsSection {
    private final Mail mail = new Mail();
    private final Server smtp = new Server("hub@switchboard.local", 3025);
    private final Mailbox imap = new Mailbox();
    private final Address helpdesk = new Address("helpdesk@switchboard.local");
    private final Address hub = new Address("hub@switchboard.local");
    private final Domain sms = new Domain("sms.switchboard.local");
    private final Domain broadcast = new Domain("broadcast.switchboard.local");
    private final Reply reply = new Reply();
    private List<String> staff = List.of("staff@switchboard.local");

    /** {@code switchboard.mail.*}. */
    public static final class Mail {
        private boolean embedded = true;
        private String secret = "";
        private String trustedAuthservId = "";

        public boolean isEmbedded() {
            return embedded;
        }

        public void setEmbedded(boolean embedded) {
            this.embedded = embedded;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public String getTrustedAuthservId() {
            return trustedAuthservId;
        }

        public void setTrustedAuthservId(String trustedAuthservId) {
            this.trustedAuthservId = trustedAuthservId;
        }
    }

    /** A mail server and the account the hub logs in with. */
    public static class Server {
        private String host = "127.0.0.1";
        private int port;
        private String user;
        private String password = "";
        private boolean tls;
        private int connections = 4;

        Server(String user, int port) {
            this.user = user;
            this.port = port;
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

        public boolean isTls() {
            return tls;
        }

        public void setTls(boolean tls) {
            this.tls = tls;
        }

        /** SMTP: connections kept open for the help desk's email, each used by one sender thread. */
        public int getConnections() {
            return connections;
        }

        public void setConnections(int connections) {
            this.connections = connections;
        }
    }

    /** {@code switchboard.imap.*}: the hub's own mailbox (staff replies, SMS and broadcasts by mail). */
    public static final class Mailbox extends Server {
        private String folder = "INBOX";
        private long pollMillis = 1000;

        Mailbox() {
            super("hub@switchboard.local", 3143);
        }

        public String getFolder() {
            return folder;
        }

        public void setFolder(String folder) {
            this.folder = folder;
        }

        public long getPollMillis() {
            return pollMillis;
        }

        public void setPollMillis(long pollMillis) {
            this.pollMillis = pollMillis;
        }
    }

    /** An {@code address} key. */
    public static final class Address {
        private String address;

        Address(String address) {
            this.address = address;
        }

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
            this.address = address;
        }
    }

    /** A {@code domain} key. */
    public static final class Domain {
        private String domain;

        Domain(String domain) {
            this.domain = domain;
        }

        public String getDomain() {
            return domain;
        }

        public void setDomain(String domain) {
            this.domain = domain;
        }
    }

    /** {@code switchboard.reply.*}. */
    public static final class Reply {
        private int maxParts = 6;

        public int getMaxParts() {
            return maxParts;
        }

        public void setMaxParts(int maxParts) {
            this.maxParts = maxParts;
        }
    }

    @Override
    public String prefix() {
        return "switchboard.";
    }

    @Override
    public void check(SettingsCheck check) {
        check.notBlank("smtp.host", smtp.host);
        check.port("smtp.port", smtp.port, mail.embedded);
        check.atLeast("smtp.connections", smtp.connections, 1);
        check.notBlank("imap.host", imap.getHost());
        check.port("imap.port", imap.getPort(), mail.embedded);
        check.notBlank("imap.folder", imap.folder);
        check.atLeast("imap.poll-millis", imap.pollMillis, 1);
        check.address("helpdesk.address", helpdesk.address);
        check.address("hub.address", hub.address);
        check.notBlank("sms.domain", sms.domain);
        check.notBlank("broadcast.domain", broadcast.domain);
        check.atLeast("reply.max-parts", reply.maxParts, 1);
    }

    public Mail getMail() {
        return mail;
    }

    public Server getSmtp() {
        return smtp;
    }

    public Mailbox getImap() {
        return imap;
    }

    public Address getHelpdesk() {
        return helpdesk;
    }

    public Address getHub() {
        return hub;
    }

    public Domain getSms() {
        return sms;
    }

    /** {@code switchboard.broadcast.domain}: broadcasts are addressed to {@code SEGMENT@} this domain. */
    public Domain getBroadcast() {
        return broadcast;
    }

    public Reply getReply() {
        return reply;
    }

    /** Staff allowed to send SMS by email: addresses, or {@code @domain} for a whole domain. */
    public List<String> staff() {
        return staff;
    }

    public void setStaff(String staff) {
        this.staff = Arrays.stream(staff.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
