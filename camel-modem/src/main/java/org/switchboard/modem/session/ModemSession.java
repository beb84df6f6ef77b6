package org.switchboard.modem.session;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.switchboard.modem.ModemConfiguration;
import org.switchboard.modem.ModemException;
import org.switchboard.modem.ModemException.Kind;
import org.switchboard.modem.at.AtCommand;
import org.switchboard.modem.at.AtResponse;
import org.switchboard.modem.at.FinalResult;
import org.switchboard.modem.at.ResponseParsers;
import org.switchboard.modem.at.StoredSms;
import org.switchboard.modem.at.UnsolicitedResult;
import org.switchboard.modem.pdu.NationalLanguage;
import org.switchboard.modem.pdu.ValidityPeriod;
import org.switchboard.modem.session.ModemStatus.State;
import org.switchboard.modem.transport.ModemTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GSM modem kept alive: brings it up (init sequence, PIN, PDU mode, indications), sends and reads SMS, polls its
 * health, and recovers a hung or vanished modem in escalating steps (re-sync, reopen, AT+CFUN=1,1) while callers wait.
 */
public final class ModemSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModemSession.class);
    private static final byte[] ESCAPE = { 0x1B };

    private final String name;
    private final ModemConfiguration config;
    private final Supplier<ModemTransport> transports;
    private final ModemStatus status = new ModemStatus();
    private final List<ModemListener> listeners = new CopyOnWriteArrayList<>();
    private final SmsSubmitter submitter = new SmsSubmitter(this);
    private final Object readiness = new Object();
    private final ScheduledExecutorService supervisor;
    private final ExecutorService events;
    private volatile AtClient client;
    private volatile boolean stopping;
    private ScheduledFuture<?> healthPoll;
    private long backoff;

    public ModemSession(String name, ModemConfiguration config, Supplier<ModemTransport> transports) {
        this.name = name;
        this.config = config;
        this.transports = transports;
        this.supervisor = Executors.newSingleThreadScheduledExecutor(daemon("modem-" + name + "-supervisor"));
        this.events = Executors.newSingleThreadExecutor(daemon("modem-" + name + "-events"));
        this.backoff = config.getReconnectDelay();
    }

    public String name() {
        return name;
    }

    ModemConfiguration configuration() {
        return config;
    }

    public ModemStatus status() {
        return status;
    }

    public void addListener(ModemListener listener) {
        listeners.add(listener);
        if (status.state == State.READY) {
            events.execute(listener::onReady);
        }
    }

    public void removeListener(ModemListener listener) {
        listeners.remove(listener);
    }

    /** Starts bringing the modem up in the background; a modem that is absent now is retried with back-off. */
    public void start() {
        stopping = false;
        setState(State.CONNECTING);
        supervisor.execute(this::connect);
        long every = config.getHealthInterval();
        healthPoll = supervisor.scheduleWithFixedDelay(this::pollHealth, every, every, TimeUnit.MILLISECONDS);
    }

    public boolean isReady() {
        return status.state == State.READY;
    }

    /** Waits until the modem is ready, at most the given time; false when it is not. */
    public boolean awaitReady(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (readiness) {
            while (status.state != State.READY && !stopping) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                readiness.wait(left);
            }
        }
        return status.state == State.READY;
    }

    /**
     * Asks the modem now (AT+CSQ, AT+CREG?) whether it answers and is on the network: a cheap check before sending
     * through a modem that failed, instead of waiting for the next health poll.
     */
    public boolean probe() {
        if (!isReady()) {
            return false;
        }
        pollHealth();
        return isReady() && !status.offNetwork();
    }

    // ---------------------------------------------------------------- operations

    /**
     * Sends a text, split into concatenated parts when long.
     *
     * @throws ModemException with the +CMS code when the network refuses a part, or when the modem is unreachable
     */
    public SendResult send(String recipient, String text, boolean statusReport, boolean ucs2) throws ModemException {
        return send(recipient, text, statusReport, ucs2, java.util.Set.of(), ValidityPeriod.NONE);
    }

    /**
     * As {@link #send(String, String, boolean, boolean)}, in the national tables of {@code languages} when they take
     * fewer parts, with a validity period ({@link ValidityPeriod#NONE} for the SMSC's default).
     */
    public SendResult send(String recipient, String text, boolean statusReport, boolean ucs2,
            java.util.Set<NationalLanguage> languages, ValidityPeriod validity) throws ModemException {
        return submitter.send(recipient, text, statusReport, ucs2, languages, validity);
    }

    /** Lists every message in the storage (AT+CMGL=4), SMS and status reports alike. */
    public List<StoredSms> listAll() throws ModemException {
        AtResponse r = run(new AtCommand("AT+CMGL=4", null, Math.max(config.getCommandTimeout(), 30_000)));
        AtResults.check(name, r, "listing messages");
        return ResponseParsers.cmgl(r.lines());
    }

    /** Reads one stored message (AT+CMGR), or null when the index is empty. */
    public StoredSms read(int index) throws ModemException {
        AtResponse r = run(AtCommand.of("AT+CMGR=" + index).withTimeout(config.getCommandTimeout()));
        if (r.result() == FinalResult.CMS_ERROR && r.errorCode() == 321) {
            return null;
        }
        AtResults.check(name, r, "reading message " + index);
        return ResponseParsers.cmgr(r.lines(), index).orElse(null);
    }

    /** Deletes one stored message (AT+CMGD). */
    public void delete(int index) throws ModemException {
        AtResponse r = run(AtCommand.of("AT+CMGD=" + index).withTimeout(config.getCommandTimeout()));
        AtResults.check(name, r, "deleting message " + index);
    }

    /** Runs one command once the modem is ready; a timeout starts a recovery. */
    public AtResponse run(AtCommand command) throws ModemException {
        AtClient c = readyClient();
        try {
            AtResponse r = c.execute(command);
            if (r.result() == FinalResult.TIMEOUT) {
                recover("no answer to " + command.line());
                throw new ModemException(Kind.TIMEOUT, -1, "no answer from the modem", true, false,
                        "modem " + name + " did not answer " + command.line());
            }
            return r;
        } catch (IOException e) {
            throw new ModemException(Kind.LINK, -1, "link lost", true, false,
                    "link to modem " + name + " lost: " + e.getMessage());
        }
    }

    AtClient readyClient() throws ModemException {
        try {
            if (!awaitReady(config.getReadyTimeout())) {
                String why = status.lastError != null ? ": " + status.lastError : "";
                throw new ModemException(Kind.NOT_READY, -1, "modem not ready", true, false,
                        "modem " + name + " is not ready (" + status.state + ")" + why);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModemException(Kind.NOT_READY, -1, "interrupted", true, false, "interrupted waiting for modem " + name);
        }
        AtClient c = client;
        if (c == null) {
            throw new ModemException(Kind.NOT_READY, -1, "modem not ready", true, false, "modem " + name + " is closed");
        }
        return c;
    }

    // ---------------------------------------------------------------- bring-up and recovery (supervisor thread)

    private void connect() {
        if (stopping) {
            return;
        }
        closeClient();
        AtClient c = new AtClient(name, transports.get(), this::onUrc, this::onLinkLost);
        try {
            c.open();
            client = c;
            new ModemInitializer(name, config, c, status).initialise();
            backoff = config.getReconnectDelay();
            status.readySince = Instant.now();
            setState(State.READY);
            LOG.info("Modem {} ready ({})", name, status.identity);
            pollHealth();
            for (ModemListener l : listeners) {
                events.execute(l::onReady);
            }
        } catch (IOException | ModemException e) {
            c.close();
            client = null;
            status.error(e.getMessage());
            setState(State.DOWN);
            LOG.warn("Modem {}: cannot bring it up ({}); next attempt in {} ms", name, e.getMessage(), backoff);
            if (!stopping) {
                supervisor.schedule(this::connect, backoff, TimeUnit.MILLISECONDS);
                backoff = Math.min(backoff * 2, config.getReconnectMaxDelay());
            }
        }
    }

    private void onLinkLost() {
        synchronized (readiness) {
            // While connecting or recovering, the step under way sees the failure itself.
            if (stopping || status.state != State.READY) {
                return;
            }
            setState(State.RECOVERING);
        }
        status.error("link to modem lost");
        status.recoveries.incrementAndGet();
        LOG.warn("Modem {}: link lost, reconnecting", name);
        supervisor.execute(this::connect);
    }

    /** Starts the recovery ladder unless one is under way; callers then wait in {@link #awaitReady}. */
    void recover(String why) {
        synchronized (readiness) {
            if (status.state != State.READY || stopping) {
                return;
            }
            setState(State.RECOVERING);
        }
        status.error(why);
        status.recoveries.incrementAndGet();
        LOG.warn("Modem {}: {}; recovering", name, why);
        supervisor.execute(this::recoverLadder);
    }

    private void recoverLadder() {
        AtClient c = client;
        // Step 1, re-sync: ESC leaves a half-finished prompt, AT checks the modem answers at all.
        if (c != null && c.isOpen()) {
            try {
                c.sendRaw(ESCAPE);
                c.awaitQuiet(ModemInitializer.QUIET_MILLIS, 2_000);
                AtResponse r = c.execute(AtCommand.of("AT").withTimeout(2_000));
                if (r.ok()) {
                    LOG.info("Modem {}: re-synchronised", name);
                    setState(State.READY);
                    return;
                }
            } catch (IOException e) {
                LOG.debug("Modem {}: re-sync failed: {}", name, e.getMessage());
            }
        }
        // Step 2, reopen the port (a USB modem that re-enumerated, a terminal server that dropped us).
        closeClient();
        AtClient fresh = new AtClient(name, transports.get(), this::onUrc, this::onLinkLost);
        try {
            fresh.open();
            AtResponse r = fresh.execute(AtCommand.of("AT").withTimeout(2_000));
            if (!r.ok() && config.isResetAllowed()) {
                // Step 3, reset the modem: it takes the port but no longer answers sensibly.
                LOG.warn("Modem {}: no answer after reopening the port, resetting it with AT+CFUN=1,1", name);
                fresh.sendRaw(ESCAPE);
                fresh.execute(AtCommand.of("AT+CFUN=1,1").withTimeout(5_000));
                fresh.close();
                supervisor.schedule(this::connect, config.getResetWait(), TimeUnit.MILLISECONDS);
                setState(State.DOWN);
                return;
            }
        } catch (IOException e) {
            LOG.debug("Modem {}: reopen failed: {}", name, e.getMessage());
        }
        fresh.close();
        connect();
    }

    private void pollHealth() {
        AtClient c = client;
        if (c == null || status.state != State.READY) {
            return;
        }
        try {
            AtResponse csq = c.execute(AtCommand.of("AT+CSQ").withTimeout(config.getCommandTimeout()));
            if (csq.result() == FinalResult.TIMEOUT) {
                recover("no answer to AT+CSQ");
                return;
            }
            ResponseParsers.lineWith(csq.lines(), "+CSQ").flatMap(ResponseParsers::csq)
                    .ifPresent(q -> status.rssi = q.rssi());
            AtResponse creg = c.execute(AtCommand.of("AT+CREG?").withTimeout(config.getCommandTimeout()));
            ResponseParsers.lineWith(creg.lines(), "+CREG").flatMap(ResponseParsers::registration)
                    .ifPresent(reg -> status.registration = reg.status());
            // For people reading /api/modems: which network the SIM is on. A modem without AT+COPS? answers ERROR.
            AtResponse cops = c.execute(AtCommand.of("AT+COPS?").withTimeout(config.getCommandTimeout()));
            status.operator = status.registered()
                    ? ResponseParsers.lineWith(cops.lines(), "+COPS").flatMap(ResponseParsers::cops).orElse(null) : null;
        } catch (IOException e) {
            LOG.debug("Modem {}: health poll failed: {}", name, e.getMessage());
        }
    }

    private void onUrc(UnsolicitedResult urc) {
        // Called on the reader thread: hand off, since listeners issue commands that need the reader.
        switch (urc.code()) {
            case "+CMTI", "+CDSI" -> {
                ResponseParsers.storageIndex(urc.line()).ifPresent(at -> {
                    for (ModemListener l : listeners) {
                        events.execute(() -> l.onMessageStored(at.storage(), at.index()));
                    }
                });
            }
            case "+CMT", "+CDS" -> {
                if (urc.pdu() != null) {
                    for (ModemListener l : listeners) {
                        events.execute(() -> l.onMessageRouted(urc.code(), urc.pdu()));
                    }
                }
            }
            case "+CREG" -> {
                ResponseParsers.registration(urc.line()).ifPresent(reg -> status.registration = reg.status());
            }
            case "^RSSI" -> {
                // Huawei's ^RSSI:n uses the AT+CSQ scale.
                String value = urc.line().substring(urc.line().indexOf(':') + 1).trim();
                if (value.matches("\\d{1,3}")) {
                    status.rssi = Integer.parseInt(value);
                }
            }
            default -> LOG.debug("Modem {}: {}", name, urc.line());
        }
    }

    private void setState(State state) {
        synchronized (readiness) {
            status.state = state;
            readiness.notifyAll();
        }
    }

    private void closeClient() {
        AtClient c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void close() {
        stopping = true;
        if (healthPoll != null) {
            healthPoll.cancel(false);
        }
        supervisor.shutdownNow();
        events.shutdownNow();
        closeClient();
        setState(State.STOPPED);
    }

    private static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }
}
