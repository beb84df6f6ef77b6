package org.switchboard.modem.sim;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.modem.pdu.DeliverRequest;
import org.switchboard.modem.pdu.EncodedPdu;
import org.switchboard.modem.pdu.Encoding;
import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.pdu.PduException;
import org.switchboard.modem.pdu.SmsSubmit;
import org.switchboard.modem.pdu.StatusReportRequest;
import org.switchboard.modem.pdu.UserData;

/**
 * A simulated GSM network of N modems, each answering AT commands on its own TCP port, with an optional HTTP control
 * interface. An SMS to another simulated modem's number arrives there; an SMS to any other number is recorded as
 * delivered to the network.
 */
public final class SimNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimNetwork.class);
    /** The network's clock runs on Western Indonesian Time. */
    static final ZoneOffset NETWORK_ZONE = ZoneOffset.ofHours(7);

    private final SimOptions options;
    private final List<SimModem> modems = new ArrayList<>();
    private final List<ModemPort> ports = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final PartJoiner joiner = new PartJoiner();
    private final AtomicInteger concatRefs = new AtomicInteger();
    private ControlServer control;

    SimNetwork(SimOptions options) {
        this.options = options;
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "sim-network");
            t.setDaemon(true);
            return t;
        });
        for (int id = 1; id <= options.modems(); id++) {
            modems.add(new SimModem(id, this, options));
        }
    }

    /** Starts the network: every modem listens, and the control interface when asked for. */
    public static SimNetwork start(SimOptions options) throws IOException {
        SimNetwork network = new SimNetwork(options);
        try {
            for (SimModem m : network.modems) {
                int port = options.basePort() == 0 ? 0 : options.basePort() + m.id() - 1;
                ModemPort p = new ModemPort(m, port, options.baudRate());
                network.ports.add(p);
                m.attachPort(p);
                p.start();
            }
            if (options.controlPort() >= 0) {
                network.control = ControlServer.start(network, options.controlPort());
            }
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    public List<SimModem> modems() {
        return List.copyOf(modems);
    }

    /** Modem {@code id}, counted from 1. */
    public SimModem modem(int id) {
        if (id < 1 || id > modems.size()) {
            throw new IllegalArgumentException("no modem " + id + " (1.." + modems.size() + ")");
        }
        return modems.get(id - 1);
    }

    public Optional<SimModem> modemByNumber(String number) {
        return modems.stream().filter(m -> m.number().equals(number)).findFirst();
    }

    /** The control interface's port, or -1 when it was not started. */
    public int controlPort() {
        return control == null ? -1 : control.port();
    }

    /** The control interface's base URL ("http://127.0.0.1:7000"), or null when it was not started. */
    public String controlUrl() {
        return control == null ? null : "http://127.0.0.1:" + control.port();
    }

    @Override
    public void close() {
        if (control != null) {
            control.stop();
        }
        for (ModemPort p : ports) {
            p.close();
        }
        for (SimModem m : modems) {
            m.stopNoise();
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(NETWORK_ZONE).truncatedTo(ChronoUnit.SECONDS);
    }

    /** One SMS-SUBMIT part the network accepted from {@code sender} with TP-MR {@code mr}. */
    void accept(SimModem sender, SmsSubmit submit, int mr) {
        OffsetDateTime accepted = now();
        String to = submit.destination().value();
        UserData ud = submit.userData();
        String text = ud.text() != null ? ud.text() : ud.data() == null ? "" : HexFormat.of().formatHex(ud.data());
        joiner.add(sender.number(), to, ud.concat(), text, submit.statusReportRequested(),
                ud.encoding() == Encoding.UCS2).ifPresent(whole -> {
                    Optional<SimModem> recipient = modemByNumber(to);
                    if (recipient.isPresent()) {
                        scheduler.execute(() -> {
                            try {
                                deliverText(recipient.get(), sender.number(), whole.text(), whole.ucs2());
                            } catch (RuntimeException e) {
                                LOG.warn("modem {}: SMS to {} lost: {}", sender.id(), to, e.toString());
                            }
                        });
                    } else {
                        sender.recordDelivered(new DeliveredSms(to, whole.text(), whole.parts(),
                                whole.statusReport(), Instant.now(), submit.validityPeriod().relative()));
                    }
                });
        if (submit.statusReportRequested()) {
            scheduler.schedule(() -> statusReport(sender, to, mr, accepted), sender.latencyMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The network delivers {@code text} from {@code from} to {@code recipient}, in as many parts as it needs. */
    void deliverText(SimModem recipient, String from, String text, boolean ucs2) {
        List<EncodedPdu> parts;
        try {
            parts = PduCodec.encodeDeliver(new DeliverRequest(from, text, recipient.smsc(), now(),
                    concatRefs.getAndIncrement() & 0xFF, ucs2));
        } catch (PduException e) {
            throw new IllegalArgumentException("cannot encode an SMS from " + from + ": " + e.getMessage(), e);
        }
        for (EncodedPdu part : parts) {
            recipient.receive(part.hex(), false);
        }
    }

    private void statusReport(SimModem sender, String recipient, int mr, OffsetDateTime accepted) {
        try {
            EncodedPdu report = PduCodec.encodeStatusReport(
                    new StatusReportRequest(sender.smsc(), recipient, mr, 0, accepted, now()));
            sender.receive(report.hex(), true);
        } catch (PduException | RuntimeException e) {
            LOG.warn("modem {}: no status report for MR {}: {}", sender.id(), mr, e.toString());
        }
    }
}
