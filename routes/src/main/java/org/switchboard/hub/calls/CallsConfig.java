package org.switchboard.hub.calls;

import java.util.Set;

import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;

/**
 * {@code switchboard.calls.*}: whether click-to-call is on and which way it reaches the PBX ({@code mode}: {@code ami},
 * {@code sip}, blank for off), and each way's settings.
 */
public final class CallsConfig implements SettingsSection {
    static final String AMI = "ami";
    static final String SIP = "sip";
    private static final Set<String> MODES = Set.of("", AMI, SIP);

    private String mode = "";
    private long callbackLinkHours = 24;
    private final Ami ami = new Ami();
    private final Sip sip = new Sip();

    /** {@code switchboard.calls.ami.*}: the PBX's manager (manager.conf) and the dialplan that dials the customer. */
    public static final class Ami {
        private String host = "";
        private int port = 5038;
        private String user = "";
        private String password = "";
        /** The dialplan context whose extensions dial out (FreePBX: from-internal). */
        private String context = "";
        /** The agent's phone as the PBX dials it; {agent} is the extension. */
        private String channel = "PJSIP/{agent}";
        /** The extension dialled in the context: {e164} (+6281...) or {digits} (6281...). */
        private String exten = "{e164}";
        private long ringMillis = 30_000;
        private long connectTimeoutMillis = 5_000;
        private long reconnectMillis = 1_000;
        private long reconnectMaxMillis = 30_000;
        private long keepaliveMillis = 20_000;

        void check(SettingsCheck check) {
            check.notBlank("ami.host", host);
            check.port("ami.port", port, false);
            check.notBlank("ami.user", user);
            check.notBlank("ami.password", password);
            check.notBlank("ami.context", context);
            if (!channel.contains("{agent}") || !channel.contains("/")) {
                throw check.problem("ami.channel", "must name the agent's channel with {agent}, e.g. PJSIP/{agent}"
                        + " or SIP/{agent}: " + channel);
            }
            if (!exten.contains("{e164}") && !exten.contains("{digits}")) {
                throw check.problem("ami.exten", "must hold {e164} or {digits}: " + exten);
            }
            check.atLeast("ami.ring-millis", ringMillis, 1_000);
            check.atLeast("ami.connect-timeout-millis", connectTimeoutMillis, 100);
            check.atLeast("ami.reconnect-millis", reconnectMillis, 10);
            check.atLeast("ami.reconnect-max-millis", reconnectMaxMillis, reconnectMillis);
            check.atLeast("ami.keepalive-millis", keepaliveMillis, 100);
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

        public String getContext() {
            return context;
        }

        public void setContext(String context) {
            this.context = context;
        }

        public String getChannel() {
            return channel;
        }

        public void setChannel(String channel) {
            this.channel = channel;
        }

        public String getExten() {
            return exten;
        }

        public void setExten(String exten) {
            this.exten = exten;
        }

        public long getRingMillis() {
            return ringMillis;
        }

        public void setRingMillis(long ringMillis) {
            this.ringMillis = ringMillis;
        }

        public long getConnectTimeoutMillis() {
            return connectTimeoutMillis;
        }

        public void setConnectTimeoutMillis(long connectTimeoutMillis) {
            this.connectTimeoutMillis = connectTimeoutMillis;
        }

        public long getReconnectMillis() {
            return reconnectMillis;
        }

        public void setReconnectMillis(long reconnectMillis) {
            this.reconnectMillis = reconnectMillis;
        }

        public long getReconnectMaxMillis() {
            return reconnectMaxMillis;
        }

        public void setReconnectMaxMillis(long reconnectMaxMillis) {
            this.reconnectMaxMillis = reconnectMaxMillis;
        }

        public long getKeepaliveMillis() {
            return keepaliveMillis;
        }

        public void setKeepaliveMillis(long keepaliveMillis) {
            this.keepaliveMillis = keepaliveMillis;
        }
    }

    /**
     * {@code switchboard.calls.sip.*}: third-party call control (RFC 3725) from the hub's own SIP user agent, on the
     * stack of {@code switchboard.sip.host:port}: the PBX or trunk (UDP), the account it knows the hub by, and
     * optionally each leg's Request-URI and the ring times.
     */
    public static final class Sip {
        /** The PBX, host:port, over UDP. */
        private String pbx = "";
        private String user = "";
        private String password = "";
        /** The agent's Request-URI; {agent} is the extension. Blank: sip:{agent}@PBX. */
        private String agentUri = "";
        /** The customer's Request-URI; {e164} (+62...) or {digits} (62...). Blank: sip:{e164}@PBX. */
        private String customerUri = "";
        private long ringMillis = 30_000;
        /** At most 30 s: the agent's phone waits 32 s for the ACK of its 200 while the customer's rings. */
        private long customerRingMillis = 25_000;
        private long noResponseMillis = 4_000;

        void check(SettingsCheck check) {
            if (!pbx.matches("[^:\\s]+:\\d{1,5}")) {
                throw check.problem("sip.pbx", "must be the PBX's host:port (UDP), e.g. 192.168.1.10:5060: " + pbx);
            }
            check.port("sip.pbx", Integer.parseInt(pbx.substring(pbx.indexOf(':') + 1)), false);
            check.notBlank("sip.user", user);
            if (!agentUri().startsWith("sip:") || !agentUri().contains("{agent}")) {
                throw check.problem("sip.agent-uri", "must be a sip: URI with {agent}, e.g. sip:{agent}@" + pbx + ": "
                        + agentUri);
            }
            if (!customerUri().startsWith("sip:") || !customerUri().contains("{e164}")
                    && !customerUri().contains("{digits}")) {
                throw check.problem("sip.customer-uri", "must be a sip: URI with {e164} or {digits}, e.g. sip:{digits}@"
                        + pbx + ": " + customerUri);
            }
            check.atLeast("sip.ring-millis", ringMillis, 1_000);
            check.atLeast("sip.customer-ring-millis", customerRingMillis, 1_000);
            if (customerRingMillis > 30_000) {
                throw check.problem("sip.customer-ring-millis", "must be at most 30000: the agent's phone waits 32 s"
                        + " for the ACK of its answer while the customer's phone rings: " + customerRingMillis);
            }
            check.atLeast("sip.no-response-millis", noResponseMillis, 500);
        }

        /** The agent's Request-URI template, the default filled in. */
        public String agentUri() {
            return agentUri == null || agentUri.isBlank() ? "sip:{agent}@" + pbx : agentUri.strip();
        }

        /** The customer's Request-URI template, the default filled in. */
        public String customerUri() {
            return customerUri == null || customerUri.isBlank() ? "sip:{e164}@" + pbx : customerUri.strip();
        }

        public String getPbx() {
            return pbx;
        }

        public void setPbx(String pbx) {
            this.pbx = pbx;
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

        public String getAgentUri() {
            return agentUri;
        }

        public void setAgentUri(String agentUri) {
            this.agentUri = agentUri;
        }

        public String getCustomerUri() {
            return customerUri;
        }

        public void setCustomerUri(String customerUri) {
            this.customerUri = customerUri;
        }

        public long getRingMillis() {
            return ringMillis;
        }

        public void setRingMillis(long ringMillis) {
            this.ringMillis = ringMillis;
        }

        public long getCustomerRingMillis() {
            return customerRingMillis;
        }

        public void setCustomerRingMillis(long customerRingMillis) {
            this.customerRingMillis = customerRingMillis;
        }

        public long getNoResponseMillis() {
            return noResponseMillis;
        }

        public void setNoResponseMillis(long noResponseMillis) {
            this.noResponseMillis = noResponseMillis;
        }
    }

    @Override
    public String prefix() {
        return "switchboard.calls.";
    }

    @Override
    public void check(SettingsCheck check) {
        mode = mode == null ? "" : mode.strip().toLowerCase(java.util.Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw check.problem("mode", "must be ami, sip or blank (click-to-call off): " + mode);
        }
        check.atLeast("callback-link-hours", callbackLinkHours, 1);
        if (mode.equals(AMI)) {
            ami.check(check);
        } else if (mode.equals(SIP)) {
            sip.check(check);
        }
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    /** Whether click-to-call is on: the emails then carry call-back links. */
    public boolean on() {
        return !mode.isEmpty();
    }

    public long getCallbackLinkHours() {
        return callbackLinkHours;
    }

    public void setCallbackLinkHours(long callbackLinkHours) {
        this.callbackLinkHours = callbackLinkHours;
    }

    public Ami getAmi() {
        return ami;
    }

    public Sip getSip() {
        return sip;
    }
}
