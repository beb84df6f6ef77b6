package org.switchboard.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of a {@code sip:} endpoint: where it listens, whom it trusts, and which mailboxes it subscribes to. */
@UriParams
public class SipConfiguration implements Cloneable {

    @UriParam(label = "common", defaultValue = "127.0.0.1", description = "Address to listen on")
    private String host = "127.0.0.1";
    @UriParam(label = "common", defaultValue = "5060", description = "Port to listen on (UDP and TCP)")
    private int port = 5060;
    @UriParam(label = "common", defaultValue = "udp,tcp", description = "Transports to listen on: udp, tcp or both")
    private String transports = "udp,tcp";
    @UriParam(label = "security", defaultValue = "127.0.0.1",
              description = "IP addresses NOTIFYs are accepted from (the PBX), comma-separated; * accepts any; others get 403")
    private String allowedPeers = "127.0.0.1";
    @UriParam(label = "consumer",
              description = "Mailboxes to subscribe to, comma-separated, each as mailbox@host:port (e.g. 1001@10.0.0.5:5060)")
    private String subscribe;
    @UriParam(label = "security", description = "User name to answer digest challenges to SUBSCRIBE with")
    private String username;
    @UriParam(label = "security", secret = true, description = "Password to answer digest challenges to SUBSCRIBE with")
    private String password;
    @UriParam(label = "consumer", defaultValue = "3600", description = "Expires asked for in SUBSCRIBE (seconds)")
    private int expires = 3600;
    @UriParam(label = "consumer", defaultValue = "80", description = "Refresh a subscription at this percentage of the Expires the PBX granted")
    private int refreshPercent = 80;
    @UriParam(label = "consumer", defaultValue = "udp", description = "Transport of the SUBSCRIBEs: udp or tcp")
    private String subscribeTransport = "udp";
    @UriParam(label = "consumer", defaultValue = "1000", description = "First pause before re-subscribing after a subscription ended (ms); doubles up to resubscribeMaxDelay")
    private long resubscribeDelay = 1_000;
    @UriParam(label = "consumer", defaultValue = "60000", description = "Longest pause between re-subscribe attempts (ms)")
    private long resubscribeMaxDelay = 60_000;
    @UriParam(label = "consumer", defaultValue = "32000",
              description = "How long a SUBSCRIBE waits for its final answer before the hub gives up on it and subscribes again (ms); "
                      + "bounds how long a PBX that went down goes unnoticed")
    private long subscribeTimeout = 32_000;
    @UriParam(label = "advanced", description = "Host to put in Contact and From of SUBSCRIBEs; the listening host when empty")
    private String contactHost;
    @UriParam(label = "consumer", defaultValue = "32", description = "Threads running the route for NOTIFYs, so a slow journal does not hold up the SIP stack")
    private int poolSize = 32;
    @UriParam(label = "consumer", defaultValue = "10000", description = "NOTIFYs that may wait for a route thread; beyond that the stack's thread runs the route itself")
    private int queueSize = 10_000;
    @UriParam(label = "advanced", defaultValue = "0",
              description = "UDP socket buffer size to ask for (bytes; 0 keeps the stack's default); the kernel caps it at net.core.rmem_max")
    private int udpBufferSize;
    @UriParam(label = "advanced", defaultValue = "0",
              description = "JAIN-SIP trace level (0 off, 16 info, 32 debug: every message) for the stack's SLF4J loggers")
    private int traceLevel;

    public SipConfiguration copy() {
        try {
            return (SipConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The transports as lower-case names. */
    public List<String> transportList() {
        return split(transports).stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    public List<String> allowedPeerList() {
        return split(allowedPeers);
    }

    /** Whether digest challenges can be answered: a blank user name (an empty setting) counts as none. */
    public boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    public List<String> subscribeList() {
        return split(subscribe);
    }

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (s != null) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
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

    public int getRefreshPercent() {
        return refreshPercent;
    }

    public void setRefreshPercent(int refreshPercent) {
        this.refreshPercent = refreshPercent;
    }

    public String getSubscribeTransport() {
        return subscribeTransport;
    }

    public void setSubscribeTransport(String subscribeTransport) {
        this.subscribeTransport = subscribeTransport;
    }

    public long getResubscribeDelay() {
        return resubscribeDelay;
    }

    public void setResubscribeDelay(long resubscribeDelay) {
        this.resubscribeDelay = resubscribeDelay;
    }

    public long getResubscribeMaxDelay() {
        return resubscribeMaxDelay;
    }

    public void setResubscribeMaxDelay(long resubscribeMaxDelay) {
        this.resubscribeMaxDelay = resubscribeMaxDelay;
    }

    public long getSubscribeTimeout() {
        return subscribeTimeout;
    }

    public void setSubscribeTimeout(long subscribeTimeout) {
        this.subscribeTimeout = subscribeTimeout;
    }

    public String getContactHost() {
        return contactHost;
    }

    public void setContactHost(String contactHost) {
        this.contactHost = contactHost;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public int getQueueSize() {
        return queueSize;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public int getUdpBufferSize() {
        return udpBufferSize;
    }

    public void setUdpBufferSize(int udpBufferSize) {
        this.udpBufferSize = udpBufferSize;
    }

    public int getTraceLevel() {
        return traceLevel;
    }

    public void setTraceLevel(int traceLevel) {
        this.traceLevel = traceLevel;
    }
}
