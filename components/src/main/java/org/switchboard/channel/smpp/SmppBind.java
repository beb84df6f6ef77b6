package org.switchboard.channel.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.auth.RateLimiter;
import org.switchboard.channel.LineState;

/**
 * One bind of an smpp channel to its SMSC: a transceiver session, or a transmitter and a receiver, kept bound by a
 * thread of its own that binds again after a loss with a growing pause; the bind's throughput limit (a token bucket,
 * waited on) and its slow-down after the SMSC said ESME_RTHROTTLED or ESME_RMSGQFUL; and what it counts.
 */
final class SmppBind {
    private static final Logger LOG = LoggerFactory.getLogger(SmppBind.class);

    private final String name;
    private final SmppChannelSettings settings;
    private final MessageReceiverListener receiver;
    private final RateLimiter limit;
    private final BindEvents events;
    private volatile SMPPSession transmitter;
    private volatile SMPPSession receiverSession;
    private volatile LineState.State state = LineState.State.STARTING;
    private volatile String reason = "binding";
    private volatile boolean running;
    private volatile long slowUntilNanos;
    private volatile long slowMillis;
    /** Counted down when a session of the current bind ends. */
    private volatile CountDownLatch ended = new CountDownLatch(1);
    private Thread keeper;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong submitted = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong binds = new AtomicLong();
    final AtomicLong receipts = new AtomicLong();
    final AtomicLong receiptLatencyMillis = new AtomicLong();

    SmppBind(String name, SmppChannelSettings settings, MessageReceiverListener receiver, BindEvents events) {
        this.name = name;
        this.events = events;
        this.settings = settings;
        this.receiver = receiver;
        this.limit = new RateLimiter(settings.throughput(), Math.max(1, settings.throughput()));
    }

    String name() {
        return name;
    }

    LineState.State state() {
        return state;
    }

    String reason() {
        return reason;
    }

    /** The session submits go on, or null while unbound. */
    SMPPSession transmitter() {
        SMPPSession s = transmitter;
        return s != null && s.getSessionState().isTransmittable() ? s : null;
    }

    void start() {
        running = true;
        keeper = new Thread(this::keepBound, "smpp-" + name);
        keeper.setDaemon(true);
        keeper.start();
    }

    private void keepBound() {
        Duration pause = settings.reconnectMin();
        while (running) {
            try {
                bind();
                pause = settings.reconnectMin();
                state = LineState.State.READY;
                reason = null;
                events.bound(name, (settings.transceiver() ? "transceiver" : "transmitter and receiver") + " to "
                        + settings.host() + ":" + settings.port() + " as " + settings.systemId());
                // until a session of this bind ends (unbind, the connection lost, no enquire_link answer, stop())
                ended.await();
                if (running) {
                    LOG.warn("smpp {}: bind to {}:{} lost; binding again", name, settings.host(), settings.port());
                    events.lost(name, reason != null ? reason : "the SMSC closed the bind or stopped answering");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IOException | RuntimeException e) {
                LOG.warn("smpp {}: cannot bind to {}:{} as {}: {}; again in {} ms", name, settings.host(),
                        settings.port(), settings.systemId(), why(e), pause.toMillis());
                reason = "not bound: " + why(e);
                events.failed(name, e.getCause() instanceof org.jsmpp.extra.NegativeResponseException n
                        ? n.getCommandStatus() : -1, why(e) + "; again in " + pause.toMillis() + " ms");
            }
            closeSessions();
            if (!running) {
                break;
            }
            state = LineState.State.DOWN;
            if (reason == null) {
                reason = "bind lost";
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = pause.multipliedBy(2).compareTo(settings.reconnectMax()) > 0 ? settings.reconnectMax()
                    : pause.multipliedBy(2);
        }
    }

    private void bind() throws IOException {
        ended = new CountDownLatch(1);
        if (settings.transceiver()) {
            SMPPSession trx = session();
            trx.connectAndBind(settings.host(), settings.port(), parameter(BindType.BIND_TRX));
            transmitter = trx;
            receiverSession = trx;
        } else {
            SMPPSession tx = session();
            tx.connectAndBind(settings.host(), settings.port(), parameter(BindType.BIND_TX));
            transmitter = tx;
            SMPPSession rx = session();
            try {
                rx.connectAndBind(settings.host(), settings.port(), parameter(BindType.BIND_RX));
            } catch (IOException e) {
                tx.unbindAndClose();
                throw e;
            }
            receiverSession = rx;
        }
        binds.incrementAndGet();
        LOG.info("smpp {}: bound to {}:{} as {} ({})", name, settings.host(), settings.port(), settings.systemId(),
                settings.transceiver() ? "transceiver" : "transmitter and receiver");
    }

    private SMPPSession session() {
        SMPPSession s = new SMPPSession();
        CountDownLatch end = ended;
        s.addSessionStateListener((now, before, source) -> {
            if (now == SessionState.UNBOUND || now == SessionState.CLOSED) {
                end.countDown();
            }
        });
        s.setEnquireLinkTimer((int) settings.enquireLink().toMillis());
        s.setTransactionTimer(settings.responseTimeout().toMillis());
        // deliver_sm are handled on these threads, each waiting for its commit before the response, and the
        // submit_sm_resps queue behind them: an SMSC sends receipts as fast as its submits are answered, so up to a
        // window's worth (16 at most) are recorded at once, in one group commit, rather than 4 at a time
        s.setPduProcessorDegree(Math.max(4, Math.min(16, settings.window())));
        s.setMessageReceiverListener(receiver);
        return s;
    }

    private BindParameter parameter(BindType type) {
        return new BindParameter(type, settings.systemId(), settings.password(), settings.systemType(),
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                settings.addressRange().isEmpty() ? null : settings.addressRange());
    }


    /** Waits for the throughput limit and any slow-down the SMSC asked for; false when the bind stops meanwhile. */
    boolean awaitTurn() throws InterruptedException {
        while (running) {
            long slow = slowUntilNanos - System.nanoTime();
            if (slow > 0) {
                Thread.sleep(Math.max(1, slow / 1_000_000));
                continue;
            }
            Duration wait = limit.take(name);
            if (wait.isZero()) {
                return true;
            }
            Thread.sleep(Math.max(1, wait.toMillis()));
        }
        return false;
    }

    /** The SMSC said it is throttled or its queue is full: every submit of this bind waits, longer each time. */
    long slowDown() {
        throttled.incrementAndGet();
        long next = slowMillis == 0 ? 100 : Math.min(slowMillis * 2, 5000);
        slowMillis = next;
        slowUntilNanos = System.nanoTime() + next * 1_000_000;
        return next;
    }

    /** A submit went through: the slow-down eases. */
    void accepted() {
        submitted.incrementAndGet();
        if (slowMillis > 0) {
            slowMillis = slowMillis / 2 < 100 ? 0 : slowMillis / 2;
        }
    }

    /** The session is unusable (no answer, a broken connection): drop it and bind again. */
    void lost(String why) {
        reason = why;
        state = LineState.State.DOWN;
        closeSessions();
    }

    void stop() {
        running = false;
        if (keeper != null) {
            keeper.interrupt();
        }
        SMPPSession tx = transmitter;
        SMPPSession rx = receiverSession;
        if (tx != null && tx.getSessionState().isBound()) {
            tx.unbindAndClose();
        }
        if (rx != null && rx != tx && rx.getSessionState().isBound()) {
            rx.unbindAndClose();
        }
        closeSessions();
        state = LineState.State.DOWN;
        reason = "stopped";
        if (keeper != null) {
            try {
                keeper.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeSessions() {
        SMPPSession tx = transmitter;
        SMPPSession rx = receiverSession;
        transmitter = null;
        receiverSession = null;
        if (tx != null && tx.getSessionState() != SessionState.CLOSED) {
            tx.close();
        }
        if (rx != null && rx != tx && rx.getSessionState() != SessionState.CLOSED) {
            rx.close();
        }
    }

    private static String why(Exception e) {
        if (e.getCause() instanceof org.jsmpp.extra.NegativeResponseException n) {
            return "bind refused, " + org.switchboard.smpp.SmppStatus.describe(n.getCommandStatus());
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
