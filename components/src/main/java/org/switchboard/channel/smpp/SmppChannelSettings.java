package org.switchboard.channel.smpp;

import java.time.Duration;
import java.util.Objects;

/**
 * An smpp channel's binds to an operator's SMSC: where, as whom, how many binds (each a transceiver, or a transmitter
 * and a receiver), how many submit_sm each keeps outstanding (its window: one channel line per slot), how many a second
 * it may send (the operator's limit; 0 none), the sender address, the long-message form, whether Latin-1 may be used,
 * how the SMSC writes message_ids, and the timers.
 */
public record SmppChannelSettings(String host, int port, String systemId, String password, String systemType,
        String addressRange, boolean transceiver, int binds, int window, int throughput, String sourceAddr,
        LongForm longForm, boolean latin1, MessageIdBase submitIdBase, MessageIdBase receiptIdBase,
        Duration enquireLink, Duration responseTimeout, Duration reconnectMin, Duration reconnectMax) {

    public SmppChannelSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(systemId, "systemId");
        password = password == null ? "" : password;
        systemType = systemType == null ? "" : systemType;
        addressRange = addressRange == null ? "" : addressRange;
        sourceAddr = sourceAddr == null ? "" : sourceAddr;
        if (binds < 1 || window < 1 || throughput < 0) {
            throw new IllegalArgumentException("binds and window must be at least 1, throughput 0 or more");
        }
    }

    /** A transceiver bind with a window of 10, no throughput limit, UDH for long text, ids compared as given. */
    public static SmppChannelSettings of(String host, int port, String systemId, String password) {
        return new SmppChannelSettings(host, port, systemId, password, "", "", true, 1, 10, 0, "", LongForm.UDH, false,
                MessageIdBase.STRING, MessageIdBase.STRING, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    public SmppChannelSettings withBinds(int n, int slots) {
        return new SmppChannelSettings(host, port, systemId, password, systemType, addressRange, transceiver, n, slots,
                throughput, sourceAddr, longForm, latin1, submitIdBase, receiptIdBase, enquireLink, responseTimeout,
                reconnectMin, reconnectMax);
    }

    public SmppChannelSettings withThroughput(int perSecond) {
        return new SmppChannelSettings(host, port, systemId, password, systemType, addressRange, transceiver, binds,
                window, perSecond, sourceAddr, longForm, latin1, submitIdBase, receiptIdBase, enquireLink,
                responseTimeout, reconnectMin, reconnectMax);
    }

    public SmppChannelSettings withLongForm(LongForm form) {
        return new SmppChannelSettings(host, port, systemId, password, systemType, addressRange, transceiver, binds,
                window, throughput, sourceAddr, form, latin1, submitIdBase, receiptIdBase, enquireLink,
                responseTimeout, reconnectMin, reconnectMax);
    }

    public SmppChannelSettings withIds(MessageIdBase submit, MessageIdBase receipt) {
        return new SmppChannelSettings(host, port, systemId, password, systemType, addressRange, transceiver, binds,
                window, throughput, sourceAddr, longForm, latin1, submit, receipt, enquireLink, responseTimeout,
                reconnectMin, reconnectMax);
    }

    public SmppChannelSettings withSource(String source) {
        return new SmppChannelSettings(host, port, systemId, password, systemType, addressRange, transceiver, binds,
                window, throughput, source, longForm, latin1, submitIdBase, receiptIdBase, enquireLink,
                responseTimeout, reconnectMin, reconnectMax);
    }

    public SmppChannelSettings withTransceiver(boolean trx) {
        return new SmppChannelSettings(host, port, systemId, password, systemType, addressRange, trx, binds, window,
                throughput, sourceAddr, longForm, latin1, submitIdBase, receiptIdBase, enquireLink, responseTimeout,
                reconnectMin, reconnectMax);
    }
}
