package org.switchboard.hub.monitor;

/** A mail server and the account the hub uses on it, as the health checks need them. */
public record MailServer(String host, int port, boolean tls, String user, String password) {
    /** host:port, for details and messages; the password never leaves this record. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "MailServer[" + address() + (tls ? " TLS" : "") + ", user " + user + "]";
    }
}
