package org.switchboard.hub.channels;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;

/**
 * Where SMS leave and arrive: the modems ({@code switchboard.modem.NAME=OPTIONS}), the channels and their routing
 * rules ({@code switchboard.channel.NAME.*}), the embedded simulator ({@code switchboard.simulator.*}), how the
 * dispatchers retry and pause ({@code switchboard.dispatch.*}), and one line's pace for estimates
 * ({@code switchboard.broadcast.seconds-per-part}).
 */
public final class ChannelsConfig implements SettingsSection {
    private Map<String, String> modem = new TreeMap<>();
    private Map<String, Channel> channel = new TreeMap<>();
    private final Simulator simulator = new Simulator();
    private final Dispatch dispatch = new Dispatch();
    private final Pace broadcast = new Pace();

    /** {@code switchboard.channel.NAME.*}: one channel, Kannel-style (lists split at , or ;). */
    public static final class Channel {
        private String kind = "modem";
        private List<String> modems = List.of();
        private List<String> allowedPrefix = List.of();
        private List<String> deniedPrefix = List.of();
        private List<String> preferredPrefix = List.of();
        private List<String> accounts = List.of();
        private List<String> sources = List.of();
        private List<String> lanes = List.of();
        private List<String> kinds = List.of();

        public String getKind() {
            return kind;
        }

        public void setKind(String kind) {
            this.kind = kind.strip();
        }

        public List<String> modems() {
            return modems;
        }

        public void setModems(String modems) {
            this.modems = list(modems);
        }

        public List<String> allowedPrefix() {
            return allowedPrefix;
        }

        public void setAllowedPrefix(String v) {
            this.allowedPrefix = list(v);
        }

        public List<String> deniedPrefix() {
            return deniedPrefix;
        }

        public void setDeniedPrefix(String v) {
            this.deniedPrefix = list(v);
        }

        public List<String> preferredPrefix() {
            return preferredPrefix;
        }

        public void setPreferredPrefix(String v) {
            this.preferredPrefix = list(v);
        }

        public List<String> accounts() {
            return accounts;
        }

        public void setAccounts(String v) {
            this.accounts = list(v);
        }

        public List<String> sources() {
            return sources;
        }

        public void setSources(String v) {
            this.sources = list(v);
        }

        public List<String> lanes() {
            return lanes;
        }

        public void setLanes(String v) {
            this.lanes = list(v);
        }

        public List<String> kinds() {
            return kinds;
        }

        public void setKinds(String v) {
            this.kinds = list(v);
        }

        // A modem channel's encoding, passed to each of its modems unless the modem's own options say otherwise.
        private String nationalLanguages = "";
        private int validityMinutes;

        /** National languages (23.038 shift tables) the modems may send in when that saves parts: {@code tr,pt}. */
        public String getNationalLanguages() {
            return nationalLanguages;
        }

        public void setNationalLanguages(String v) {
            this.nationalLanguages = v == null ? "" : v.strip();
        }

        /** The relative validity period (TP-VP) of the SMS its modems send, in minutes; 0 for the SMSC's default. */
        public int getValidityMinutes() {
            return validityMinutes;
        }

        public void setValidityMinutes(int v) {
            this.validityMinutes = v;
        }

        // An smpp channel's binds (kind=smpp): SmppChannelSettings, key by key.
        private String host = "";
        private int port = 2775;
        private String systemId = "";
        private String password = "";
        private String systemType = "";
        private String addressRange = "";
        private boolean transceiver = true;
        private int binds = 1;
        private int window = 10;
        private int throughput;
        private String sourceAddr = "";
        private String longForm = "udh";
        private boolean latin1;
        private String submitIdBase = "string";
        private String receiptIdBase = "string";
        private long enquireLinkMillis = 30_000;
        private long responseTimeoutMillis = 10_000;
        private long reconnectMinMillis = 1000;
        private long reconnectMaxMillis = 60_000;

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host.strip();
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getSystemId() {
            return systemId;
        }

        public void setSystemId(String systemId) {
            this.systemId = systemId.strip();
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getSystemType() {
            return systemType;
        }

        public void setSystemType(String systemType) {
            this.systemType = systemType.strip();
        }

        public String getAddressRange() {
            return addressRange;
        }

        public void setAddressRange(String addressRange) {
            this.addressRange = addressRange.strip();
        }

        public boolean isTransceiver() {
            return transceiver;
        }

        public void setTransceiver(boolean transceiver) {
            this.transceiver = transceiver;
        }

        public int getBinds() {
            return binds;
        }

        public void setBinds(int binds) {
            this.binds = binds;
        }

        public int getWindow() {
            return window;
        }

        public void setWindow(int window) {
            this.window = window;
        }

        public int getThroughput() {
            return throughput;
        }

        public void setThroughput(int throughput) {
            this.throughput = throughput;
        }

        public String getSourceAddr() {
            return sourceAddr;
        }

        public void setSourceAddr(String sourceAddr) {
            this.sourceAddr = sourceAddr.strip();
        }

        public String getLongForm() {
            return longForm;
        }

        public void setLongForm(String longForm) {
            this.longForm = longForm.strip();
        }

        public boolean isLatin1() {
            return latin1;
        }

        public void setLatin1(boolean latin1) {
            this.latin1 = latin1;
        }

        public String getSubmitIdBase() {
            return submitIdBase;
        }

        public void setSubmitIdBase(String submitIdBase) {
            this.submitIdBase = submitIdBase.strip();
        }

        public String getReceiptIdBase() {
            return receiptIdBase;
        }

        public void setReceiptIdBase(String receiptIdBase) {
            this.receiptIdBase = receiptIdBase.strip();
        }

        public long getEnquireLinkMillis() {
            return enquireLinkMillis;
        }

        public void setEnquireLinkMillis(long enquireLinkMillis) {
            this.enquireLinkMillis = enquireLinkMillis;
        }

        public long getResponseTimeoutMillis() {
            return responseTimeoutMillis;
        }

        public void setResponseTimeoutMillis(long responseTimeoutMillis) {
            this.responseTimeoutMillis = responseTimeoutMillis;
        }

        public long getReconnectMinMillis() {
            return reconnectMinMillis;
        }

        public void setReconnectMinMillis(long reconnectMinMillis) {
            this.reconnectMinMillis = reconnectMinMillis;
        }

        public long getReconnectMaxMillis() {
            return reconnectMaxMillis;
        }

        public void setReconnectMaxMillis(long reconnectMaxMillis) {
            this.reconnectMaxMillis = reconnectMaxMillis;
        }
    }

    /** {@code switchboard.simulator.*}: the embedded simulated GSM network, used when no modem is configured. */
    public static final class Simulator {
        private boolean enabled = true;
        private int modems = 2;
        private int port = 7001;
        private int controlPort = 7000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getModems() {
            return modems;
        }

        public void setModems(int modems) {
            this.modems = modems;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public int getControlPort() {
            return controlPort;
        }

        public void setControlPort(int controlPort) {
            this.controlPort = controlPort;
        }
    }

    /** {@code switchboard.dispatch.*}: attempts, requeues, retry and line pauses, a line's rate limit. */
    public static final class Dispatch {
        private int maxAttempts = 5;
        private int maxRequeues = 10;
        private long firstRetryMillis = 1000;
        private long linePauseMillis = 1000;
        private long linePauseMaxMillis = 30_000;
        private int maxPerMinute;

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public int getMaxRequeues() {
            return maxRequeues;
        }

        public void setMaxRequeues(int maxRequeues) {
            this.maxRequeues = maxRequeues;
        }

        public long getFirstRetryMillis() {
            return firstRetryMillis;
        }

        public void setFirstRetryMillis(long firstRetryMillis) {
            this.firstRetryMillis = firstRetryMillis;
        }

        public long getLinePauseMillis() {
            return linePauseMillis;
        }

        public void setLinePauseMillis(long linePauseMillis) {
            this.linePauseMillis = linePauseMillis;
        }

        public long getLinePauseMaxMillis() {
            return linePauseMaxMillis;
        }

        public void setLinePauseMaxMillis(long linePauseMaxMillis) {
            this.linePauseMaxMillis = linePauseMaxMillis;
        }

        public int getMaxPerMinute() {
            return maxPerMinute;
        }

        public void setMaxPerMinute(int maxPerMinute) {
            this.maxPerMinute = maxPerMinute;
        }
    }

    /** {@code switchboard.broadcast.seconds-per-part}: what one modem takes per SMS part, network included. */
    public static final class Pace {
        private double secondsPerPart = 6;

        public double getSecondsPerPart() {
            return secondsPerPart;
        }

        public void setSecondsPerPart(double secondsPerPart) {
            this.secondsPerPart = secondsPerPart;
        }
    }

    @Override
    public String prefix() {
        return "switchboard.";
    }

    @Override
    public void check(SettingsCheck check) {
        modem.forEach((name, options) -> {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw check.problem("modem." + name, "a modem's name is letters, digits, - and _");
            }
        });
        if (simulator.enabled) {
            check.atLeast("simulator.modems", simulator.modems, 1);
            check.port("simulator.port", simulator.port, true);
        }
        check.atLeast("dispatch.max-attempts", dispatch.maxAttempts, 1);
        check.atLeast("dispatch.max-requeues", dispatch.maxRequeues, 0);
        check.atLeast("dispatch.first-retry-millis", dispatch.firstRetryMillis, 1);
        check.atLeast("dispatch.line-pause-millis", dispatch.linePauseMillis, 1);
        check.atLeast("dispatch.line-pause-max-millis", dispatch.linePauseMaxMillis, dispatch.linePauseMillis);
        check.atLeast("dispatch.max-per-minute", dispatch.maxPerMinute, 0);
        if (!(broadcast.secondsPerPart > 0)) {
            throw check.problem("broadcast.seconds-per-part", "must be more than 0, is " + broadcast.secondsPerPart);
        }
    }

    /** The configured modems, by name, with their {@code modem:} options (blank ones left out). */
    public Map<String, String> modems() {
        Map<String, String> out = new TreeMap<>();
        modem.forEach((name, options) -> {
            if (options != null && !options.isBlank()) {
                out.put(name, options.strip());
            }
        });
        return out;
    }

    public Map<String, String> getModem() {
        return modem;
    }

    public void setModem(Map<String, String> modem) {
        this.modem = modem;
    }

    public Map<String, Channel> getChannel() {
        return channel;
    }

    public void setChannel(Map<String, Channel> channel) {
        this.channel = channel;
    }

    /** The configured channels by name, in name order. */
    public Map<String, Channel> channels() {
        return new LinkedHashMap<>(channel);
    }

    public Simulator getSimulator() {
        return simulator;
    }

    public Dispatch getDispatch() {
        return dispatch;
    }

    public Pace getBroadcast() {
        return broadcast;
    }

    /** One modem's pace for estimates: the configured one, or the rate limit when that is slower. */
    public double secondsPerPart() {
        return dispatch.maxPerMinute > 0 ? Math.max(broadcast.secondsPerPart, 60.0 / dispatch.maxPerMinute)
                : broadcast.secondsPerPart;
    }

    static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[,;]")).map(String::strip)
                .filter(v -> !v.isEmpty()).toList();
    }
}
