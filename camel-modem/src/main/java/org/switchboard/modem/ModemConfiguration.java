package org.switchboard.modem;

import org.apache.camel.RuntimeCamelException;
import java.time.Duration;
import java.util.Set;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.switchboard.modem.pdu.NationalLanguage;
import org.switchboard.modem.pdu.ValidityPeriod;

/** Options of a {@code modem:} endpoint: where the modem is, how to bring it up, and how patient to be with it. */
@UriParams
public class ModemConfiguration implements Cloneable {

    @UriParam(label = "common", description = "Serial device of the modem, e.g. /dev/ttyUSB0 (use either device or host and port)")
    private String device;
    @UriParam(label = "common", defaultValue = "115200", description = "Serial line speed")
    private int baudRate = 115200;
    @UriParam(label = "advanced", defaultValue = "false", description = "RTS/CTS hardware flow control on the serial port")
    private boolean rtsCts;
    @UriParam(label = "common", description = "Host of a modem reached over TCP (a serial-over-IP terminal server or the simulator)")
    private String host;
    @UriParam(label = "common", description = "TCP port of a modem reached over TCP")
    private int port;
    @UriParam(label = "security", secret = true, description = "SIM PIN, entered when the modem asks for it")
    private String pin;
    @UriParam(label = "common", description = "SMS service centre number to set with AT+CSCA; empty keeps the SIM's")
    private String smsc;
    @UriParam(label = "advanced", defaultValue = "SM", description = "Message storage for reading, writing and receiving (AT+CPMS)")
    private String storage = "SM";
    @UriParam(label = "advanced", defaultValue = "2,1,0,2,0",
              description = "AT+CNMI arguments: new message indications (+CMTI) and status report indications")
    private String newMessageIndications = "2,1,0,2,0";
    @UriParam(label = "producer", defaultValue = "false", description = "Ask the network for a status report on every SMS sent")
    private boolean statusReport;
    @UriParam(label = "producer", defaultValue = "false", description = "Send as UCS2 even when the text fits the GSM 7-bit alphabet")
    private boolean ucs2;
    @UriParam(label = "producer",
              description = "National languages whose 3GPP TS 23.038 shift tables a text may be sent in when they take fewer parts"
                      + " than the default alphabet or UCS2: ISO 639-1 codes separated by commas (tr, es, pt, bn, gu, hi, kn, ml,"
                      + " or, pa, ta, te, ur); empty for none")
    private String nationalLanguages = "";
    @UriParam(label = "producer", defaultValue = "0",
              description = "Relative validity period (TP-VP) of every SMS sent, in minutes, unless the exchange's SmsValidity"
                      + " header gives one; 0 leaves it to the SMSC")
    private int validityMinutes;
    @UriParam(label = "producer", defaultValue = "60000", description = "How long to wait for the network to accept one part (ms)")
    private long sendTimeout = 60_000;
    @UriParam(label = "producer", defaultValue = "30000",
              description = "How long a send waits for the modem to become ready (after a reconnect) before it fails (ms)")
    private long readyTimeout = 30_000;
    @UriParam(label = "consumer", defaultValue = "30000", description = "Interval of the AT+CMGL sweep that finds stored messages (ms)")
    private long sweepInterval = 30_000;
    @UriParam(label = "consumer", defaultValue = "86400000",
              description = "How long the parts of an incomplete concatenated SMS are kept before it is delivered flagged incomplete (ms)")
    private long concatTimeout = 86_400_000;
    @UriParam(label = "advanced", defaultValue = "5000", description = "Timeout of ordinary AT commands (ms)")
    private long commandTimeout = 5_000;
    @UriParam(label = "advanced", defaultValue = "30000", description = "Interval of the health poll: AT+CSQ and AT+CREG? (ms)")
    private long healthInterval = 30_000;
    @UriParam(label = "advanced", defaultValue = "1000", description = "First delay before reconnecting a lost modem (ms); doubles up to reconnectMaxDelay")
    private long reconnectDelay = 1_000;
    @UriParam(label = "advanced", defaultValue = "60000", description = "Longest delay between reconnect attempts (ms)")
    private long reconnectMaxDelay = 60_000;
    @UriParam(label = "advanced", defaultValue = "5000", description = "Timeout of the TCP connect (ms)")
    private int connectTimeout = 5_000;
    @UriParam(label = "advanced", defaultValue = "true",
              description = "Allow AT+CFUN=1,1 (modem reset) as the last step of recovering a modem that stopped answering")
    private boolean resetAllowed = true;
    @UriParam(label = "advanced", defaultValue = "20000", description = "How long a modem may take to come back after AT+CFUN=1,1 (ms)")
    private long resetWait = 20_000;

    public ModemConfiguration copy() {
        try {
            return (ModemConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** Whether this modem is reached over TCP rather than a serial device. */
    public boolean isTcp() {
        return host != null && !host.isBlank();
    }

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    public int getBaudRate() {
        return baudRate;
    }

    public void setBaudRate(int baudRate) {
        this.baudRate = baudRate;
    }

    public boolean isRtsCts() {
        return rtsCts;
    }

    public void setRtsCts(boolean rtsCts) {
        this.rtsCts = rtsCts;
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

    public String getPin() {
        return pin;
    }

    public void setPin(String pin) {
        this.pin = pin;
    }

    public String getSmsc() {
        return smsc;
    }

    public void setSmsc(String smsc) {
        this.smsc = smsc;
    }

    public String getStorage() {
        return storage;
    }

    public void setStorage(String storage) {
        this.storage = storage;
    }

    public String getNewMessageIndications() {
        return newMessageIndications;
    }

    public void setNewMessageIndications(String newMessageIndications) {
        this.newMessageIndications = newMessageIndications;
    }

    public boolean isStatusReport() {
        return statusReport;
    }

    public void setStatusReport(boolean statusReport) {
        this.statusReport = statusReport;
    }

    public boolean isUcs2() {
        return ucs2;
    }

    public void setUcs2(boolean ucs2) {
        this.ucs2 = ucs2;
    }

    public String getNationalLanguages() {
        return nationalLanguages;
    }

    /** @throws IllegalArgumentException naming what is not a language with 23.038 shift tables */
    public void setNationalLanguages(String nationalLanguages) {
        NationalLanguage.parse(nationalLanguages);
        this.nationalLanguages = nationalLanguages == null ? "" : nationalLanguages;
    }

    /** The national languages allowed on encode. */
    public Set<NationalLanguage> languages() {
        return NationalLanguage.parse(nationalLanguages);
    }

    public int getValidityMinutes() {
        return validityMinutes;
    }

    public void setValidityMinutes(int validityMinutes) {
        if (validityMinutes < 0) {
            throw new IllegalArgumentException("validityMinutes must be 0 (the SMSC's default) or more: "
                    + validityMinutes);
        }
        this.validityMinutes = validityMinutes;
    }

    /** The validity period every SMS carries unless the exchange gives its own. */
    public ValidityPeriod validity() {
        return validityMinutes == 0 ? ValidityPeriod.NONE
                : ValidityPeriod.relative(Duration.ofMinutes(validityMinutes));
    }

    public long getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(long sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public long getReadyTimeout() {
        return readyTimeout;
    }

    public void setReadyTimeout(long readyTimeout) {
        this.readyTimeout = readyTimeout;
    }

    public long getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(long sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    public long getConcatTimeout() {
        return concatTimeout;
    }

    public void setConcatTimeout(long concatTimeout) {
        this.concatTimeout = concatTimeout;
    }

    public long getCommandTimeout() {
        return commandTimeout;
    }

    public void setCommandTimeout(long commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    public long getHealthInterval() {
        return healthInterval;
    }

    public void setHealthInterval(long healthInterval) {
        this.healthInterval = healthInterval;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public long getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(long reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public int getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public boolean isResetAllowed() {
        return resetAllowed;
    }

    public void setResetAllowed(boolean resetAllowed) {
        this.resetAllowed = resetAllowed;
    }

    public long getResetWait() {
        return resetWait;
    }

    public void setResetWait(long resetWait) {
        this.resetWait = resetWait;
    }
}
