package org.switchboard.sip;

/** One mailbox to subscribe to: {@code mailbox@host:port}, the port 5060 when left out. */
public record SubscriptionTarget(String mailbox, String host, int port) {

    public static SubscriptionTarget parse(String s) {
        int at = s.indexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            throw new IllegalArgumentException("subscribe wants mailbox@host:port, not '" + s + "'");
        }
        String hostPort = s.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        try {
            return colon < 0 ? new SubscriptionTarget(s.substring(0, at), hostPort, 5060)
                    : new SubscriptionTarget(s.substring(0, at), hostPort.substring(0, colon),
                            Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("subscribe wants mailbox@host:port, not '" + s + "'");
        }
    }

    @Override
    public String toString() {
        return mailbox + "@" + host + ":" + port;
    }
}
