package org.switchboard.modem.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.pdu.PduException;
import org.switchboard.modem.pdu.SmsPdu;
import org.switchboard.modem.pdu.SmsSubmit;

/**
 * One simulated modem: its number, SIM storage, settings and the faults a test injects. The modem keeps its state
 * when a host disconnects (a closed serial port does not reset a modem); ATZ, AT&F and a reboot reset the settings,
 * never the storage.
 */
public final class SimModem {
    /** How long a reboot keeps the modem silent and off the network. */
    static final long BOOT_MILLIS = 500;
    static final String CELL = "\"1A2B\",\"00C3D4E5\"";

    private final int id;
    private final String number;
    private final SimNetwork network;
    private final ModemSettings settings = new ModemSettings();
    private final AtDevice device;
    private final SmsStorage sim;
    private final SmsStorage phone;
    private final String pin;
    private final List<DeliveredSms> delivered = new CopyOnWriteArrayList<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final SubmitFaults faults;
    private final AtomicInteger messageRefs = new AtomicInteger();
    private final AtomicLong bytesFromHost = new AtomicLong();
    private final AtomicLong bytesToHost = new AtomicLong();
    private final AtomicBoolean dropMidSend = new AtomicBoolean();
    private final AtomicInteger boots = new AtomicInteger();
    private volatile String smsc;
    private volatile boolean registered = true;
    private volatile boolean radioOn = true;
    private volatile boolean hung;
    private volatile boolean booting;
    private volatile boolean pinEntered;
    private volatile ModemPort port;
    private volatile ScheduledFuture<?> noise;

    /** An SMS the network holds back because the storage was full; offered again when the host deletes one. */
    private record Pending(String hex, boolean statusReport) {
    }

    SimModem(int id, SimNetwork network, SimOptions options) {
        this.id = id;
        this.number = SimOptions.numberOf(id);
        this.network = network;
        this.sim = new SmsStorage("SM", options.storageCapacity());
        this.phone = new SmsStorage("ME", options.storageCapacity());
        this.pin = options.pin();
        this.smsc = options.smsc();
        this.faults = new SubmitFaults(options.latencyMillis());
        this.device = new AtDevice(this, settings);
    }

    // ---------------------------------------------------------------- identity

    public int id() {
        return id;
    }

    public String number() {
        return number;
    }

    /** The TCP port on 127.0.0.1 this modem answers on; -1 when it does not listen. */
    public int port() {
        ModemPort p = port;
        return p == null ? -1 : p.localPort();
    }

    String imei() {
        return String.format("86876543%07d", id);
    }

    String imsi() {
        return String.format("51011%010d", id);
    }

    public String smsc() {
        return smsc;
    }

    void smsc(String address) {
        smsc = address;
    }

    // ---------------------------------------------------------------- what tests read

    /** SMS in the modem's storages (SM and ME), read or not, malformed ones included. */
    public int storedCount() {
        return sim.used() + phone.used();
    }

    /** SMS that arrived while the storage was full, waiting in the network. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** What this modem delivered to numbers outside the simulation, oldest first. */
    public List<DeliveredSms> delivered() {
        return List.copyOf(delivered);
    }

    public void clearDelivered() {
        delivered.clear();
    }

    public long bytesFromHost() {
        return bytesFromHost.get();
    }

    public long bytesToHost() {
        return bytesToHost.get();
    }

    /** Whether a host holds the modem's port open. */
    public boolean hostConnected() {
        return device.connected();
    }

    // ---------------------------------------------------------------- what tests inject

    /** The network delivers an SMS from {@code from}, split into concatenated parts when long. */
    public void inbound(String from, String text) {
        network.deliverText(this, from, text, false);
    }

    /**
     * Puts a PDU (with its SMSC field; anything, even malformed) into the receive storage as unread and announces it
     * with +CMTI as the CNMI settings allow.
     *
     * @throws IllegalStateException when the storage is full
     */
    public void storeRawPdu(String hexWithSmsc) {
        if (!storeAndAnnounce(hexWithSmsc.strip().toUpperCase(), false)) {
            throw new IllegalStateException("storage " + settings.mem3 + " of modem " + id + " is full");
        }
    }

    /** Network latency of each SMS: the time from the PDU to +CMGS, and again to the status report. */
    public void latency(long millis) {
        faults.latency(millis);
    }

    public long latencyMillis() {
        return faults.latency();
    }

    /** Sends to {@code destination} (as written in the PDU) fail with +CMS ERROR: {@code cmsCode}; 0 clears. */
    public void failNumber(String destination, int cmsCode) {
        faults.failNumber(destination, cmsCode);
    }

    public Map<String, Integer> failNumbers() {
        return faults.failNumbers();
    }

    /** Registration with the network: without it +CREG reports 2 (searching) and sends fail with +CMS ERROR: 331. */
    public void registered(boolean on) {
        int before = registrationStatus();
        registered = on;
        announceRegistration(before);
    }

    public boolean registered() {
        return registrationStatus() == 1;
    }

    /** Unsolicited ^RSSI lines every {@code everyMillis}, also in the middle of responses; 0 stops them. */
    public synchronized void noise(long everyMillis) {
        if (noise != null) {
            noise.cancel(false);
            noise = null;
        }
        if (everyMillis > 0) {
            AtomicInteger rssi = new AtomicInteger();
            noise = network.scheduler().scheduleAtFixedRate(
                    () -> device.noise("\r\n^RSSI:" + (15 + rssi.getAndIncrement() % 10) + "\r\n"), everyMillis,
                    everyMillis, TimeUnit.MILLISECONDS);
        }
    }

    boolean noisy() {
        return noise != null;
    }

    /** A hung modem reads and never answers (no echo either) until un-hung. */
    public void hang(boolean on) {
        hung = on;
        if (!on) {
            device.flushUrcs();
        }
    }

    public boolean hung() {
        return hung;
    }

    /** Drops the host's connection now. */
    public void dropNow() {
        ModemPort p = port;
        if (p != null) {
            p.dropConnection();
        }
    }

    /**
     * At the next AT+CMGS the modem takes the PDU and then drops the connection without answering; that SMS is not
     * sent.
     */
    public void dropMidSend() {
        dropMidSend.set(true);
    }

    /**
     * The network accepts the next {@code accepted} SMS-SUBMITs (parts, for a long SMS) and refuses the one after with
     * +CMS ERROR: {@code cmsCode}, once: a long SMS that fails part-way.
     */
    public void refuseAfter(int accepted, int cmsCode) {
        faults.refuseAfter(accepted, cmsCode);
    }

    /**
     * Restarts the modem: settings back to defaults, PIN asked again, silent and unregistered for a moment; the
     * connection and the storage stay.
     */
    public void reboot() {
        booting = true;
        boots.incrementAndGet();
        pinEntered = false;
        settings.factoryDefaults();
        radioOn = true;
        network.scheduler().schedule(() -> {
            booting = false;
        }, BOOT_MILLIS, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- for the device and the network

    ModemSettings settings() {
        return settings;
    }

    AtDevice device() {
        return device;
    }

    void attachPort(ModemPort p) {
        port = p;
    }

    int boots() {
        return boots.get();
    }

    boolean unresponsive() {
        return hung || booting;
    }

    boolean simReady() {
        return pin == null || pinEntered;
    }

    boolean enterPin(String attempt) {
        pinEntered = pin != null && pin.equals(attempt);
        return pinEntered;
    }

    /** +CREG stat: 1 registered, 2 searching, 0 radio off. */
    int registrationStatus() {
        if (!radioOn) {
            return 0;
        }
        return registered && !booting ? 1 : 2;
    }

    boolean radioOn() {
        return radioOn;
    }

    void radio(boolean on) {
        int before = registrationStatus();
        radioOn = on;
        announceRegistration(before);
    }

    private void announceRegistration(int before) {
        int now = registrationStatus();
        int mode = settings.cregMode;
        if (now != before && mode > 0) {
            device.unsolicited("\r\n+CREG: " + now + (mode == 2 && now == 1 ? "," + CELL : "") + "\r\n");
        }
    }

    SmsStorage store(String name) {
        return "ME".equals(name) ? phone : sim;
    }

    boolean takeDropMidSend() {
        return dropMidSend.getAndSet(false);
    }

    void countFromHost(int n) {
        bytesFromHost.addAndGet(n);
    }

    void countToHost(int n) {
        bytesToHost.addAndGet(n);
    }

    /** A host's SMS-SUBMIT (with SMSC field) into the network; returns TP-MR or fails as a real modem would. */
    int submitFromHost(String hex) throws AtFailure {
        if (registrationStatus() != 1) {
            throw AtFailure.cms(331);
        }
        SmsPdu decoded;
        try {
            decoded = PduCodec.decode(hex, true);
        } catch (PduException | RuntimeException e) {
            throw AtFailure.cms(304);
        }
        if (!(decoded instanceof SmsSubmit submit)) {
            throw AtFailure.cms(304);
        }
        faults.answer(submit.destination().value());
        int mr = messageRefs.getAndIncrement() & 0xFF;
        network.accept(this, submit, mr);
        return mr;
    }

    void recordDelivered(DeliveredSms sms) {
        delivered.add(sms);
    }

    /** An SMS-DELIVER or SMS-STATUS-REPORT from the network, routed as the CNMI settings say. */
    synchronized void receive(String hex, boolean statusReport) {
        boolean route = device.connected() && settings.cnmiMode != 0;
        int length = SmsStorage.tpduLengthOf(hex);
        if (route && statusReport && settings.cnmiDs == 1) {
            device.unsolicited("\r\n+CDS: " + length + "\r\n" + hex + "\r\n");
        } else if (route && !statusReport && settings.cnmiMt == 2) {
            device.unsolicited("\r\n+CMT: ," + length + "\r\n" + hex + "\r\n");
        } else if (!pending.isEmpty() || !storeAndAnnounce(hex, statusReport)) {
            pending.add(new Pending(hex, statusReport));
        }
    }

    private synchronized boolean storeAndAnnounce(String hex, boolean statusReport) {
        String mem = settings.mem3;
        Optional<Integer> index = store(mem).add(SmsStorage.REC_UNREAD, hex);
        if (index.isEmpty()) {
            return false;
        }
        if (settings.cnmiMode != 0) {
            if (statusReport && settings.cnmiDs == 2) {
                device.unsolicited("\r\n+CDSI: \"" + mem + "\"," + index.get() + "\r\n");
            } else if (!statusReport && settings.cnmiMt != 0) {
                device.unsolicited("\r\n+CMTI: \"" + mem + "\"," + index.get() + "\r\n");
            }
        }
        return true;
    }

    /** The host deleted messages: the network offers what it held back. */
    synchronized void storageFreed() {
        List<Pending> retry = new ArrayList<>(pending);
        pending.clear();
        for (Pending p : retry) {
            receive(p.hex(), p.statusReport());
        }
    }

    synchronized void stopNoise() {
        if (noise != null) {
            noise.cancel(false);
            noise = null;
        }
    }
}
