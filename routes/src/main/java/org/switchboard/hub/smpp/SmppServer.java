package org.switchboard.hub.smpp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.support.service.ServiceSupport;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalWriter;
import org.switchboard.smpp.BindKind;
import org.switchboard.smpp.SmppAccount;
import org.switchboard.smpp.SmppAccountStore;
import org.switchboard.smpp.SmppStatus;
import org.switchboard.smpp.SmppStore;

/**
 * The hub's SMPP server: listens on the HTTP host's address, takes each connection's bind (system_id and password
 * checked against the accounts, the bind type against what the account may do, its binds at once against its limit),
 * and hands bound sessions' submit_sm to the {@link SubmitHandler}. Every bind, refused or accepted, and its end are
 * recorded in smpp_bind and the journal. Started and stopped with Camel: it stops taking binds, then unbinds each.
 */
final class SmppServer extends ServiceSupport {
    /** What the hub says it is in bind_resp. */
    static final String SYSTEM_ID = "switchboard";
    private static final Logger LOG = LoggerFactory.getLogger(SmppServer.class);

    private final String host;
    private final int port;
    private final SmppConfig.Server config;
    private final SmppAccountStore accounts;
    private final SmppStore store;
    private final BoundApps apps;
    private final SubmitHandler submits;
    private final JournalWriter journal;
    private final MeterRegistry meters;
    private final AtomicInteger sessionThreads = new AtomicInteger();
    private SMPPServerSessionListener listener;
    private ExecutorService binds;
    private Thread acceptor;
    private volatile int boundPort;

    SmppServer(String host, SmppConfig.Server config, SmppAccountStore accounts, SmppStore store, BoundApps apps,
            SubmitHandler submits, JournalWriter journal, MeterRegistry meters) {
        this.meters = meters;
        this.host = host;
        this.port = config.getPort();
        this.config = config;
        this.accounts = accounts;
        this.store = store;
        this.apps = apps;
        this.submits = submits;
        this.journal = journal;
    }

    /** The port it listens on, once started. */
    int port() {
        return boundPort;
    }

    @Override
    protected void doStart() throws Exception {
        InetAddress address = InetAddress.getByName(host);
        ServerConnectionFactory onHost = new ServerConnectionFactory() {
            @Override
            public ServerConnection listen(int p) throws IOException {
                return listen(p, 0, 50);
            }

            @Override
            public ServerConnection listen(int p, int timeout) throws IOException {
                return listen(p, timeout, 50);
            }

            @Override
            public ServerConnection listen(int p, int timeout, int backlog) throws IOException {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(address, p), backlog);
                socket.setSoTimeout(timeout);
                boundPort = socket.getLocalPort();
                return new ServerSocketConnection(socket);
            }
        };
        // A second's accept timeout lets the acceptor see that the hub stops.
        listener = new SMPPServerSessionListener(port, 1000, 50, onHost);
        listener.setPduProcessorDegree(config.getWindow());
        // jSMPP answers ESME_RTHROTTLED past this queue: a bind may have twice its window waiting
        listener.setQueueCapacity(config.getWindow() * 2);
        listener.setInitiationTimer((int) config.getBindTimeoutMillis());
        listener.setMessageReceiverListener(submits);
        // Binds this node held when it last stopped without saying so (a crash) no longer count against the accounts.
        apps.forgetNode();
        binds = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "smpp-bind-" + sessionThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "smpp-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("SMPP server for applications on {}:{}", host, boundPort);
    }

    private void acceptLoop() {
        while (isRunAllowed() && !isStopping()) {
            SMPPServerSession session;
            try {
                session = listener.accept();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (isRunAllowed() && !isStopping()) {
                    LOG.warn("SMPP server: accepting a connection failed: {}", e.getMessage());
                }
                continue;
            }
            binds.execute(() -> bind(session));
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            bindOrRefuse(session);
        } catch (RuntimeException e) {
            // The database is out of reach (the bind is neither checked nor recorded): the application binds again.
            LOG.warn("SMPP bind not checked: {}", e.getMessage());
            session.close();
        }
    }

    private void bindOrRefuse(SMPPServerSession session) {
        String remote = session.getInetAddress().getHostAddress() + ":" + session.getPort();
        BindRequest request;
        try {
            request = session.waitForBind(config.getBindTimeoutMillis());
        } catch (TimeoutException e) {
            LOG.info("SMPP connection from {} sent no bind within {} ms: closed", remote, config.getBindTimeoutMillis());
            return;
        } catch (RuntimeException e) {
            LOG.info("SMPP connection from {}: no bind ({})", remote, e.getMessage());
            session.close();
            return;
        }
        BindKind kind = kind(request.getBindType());
        String systemId = request.getSystemId();
        int refusal = 0;
        String why = null;
        SmppAccount account = null;
        SmppAccountStore.Check check = accounts.check(systemId, request.getPassword());
        if (check instanceof SmppAccountStore.Accepted a) {
            account = a.account();
        } else if (check instanceof SmppAccountStore.WrongPassword) {
            refusal = SMPPConstant.STAT_ESME_RINVPASWD;
            why = "wrong password for SMPP account " + systemId;
        } else {
            refusal = SMPPConstant.STAT_ESME_RINVSYSID;
            why = "no SMPP account " + systemId;
        }
        if (account != null && !account.bindKinds().contains(kind)) {
            refusal = SMPPConstant.STAT_ESME_RBINDFAIL;
            why = "SMPP account " + systemId + " may not bind as " + kind.text();
        }
        long bindId = store.bindOpened(systemId == null ? "" : systemId, kind.text(), remote, refusal);
        BoundApp app = account == null || refusal != 0 ? null : new BoundApp(account, kind, bindId, session,
                remote, OffsetDateTime.now());
        if (app != null && !apps.add(app)) {
            refusal = SMPPConstant.STAT_ESME_RBINDFAIL;
            why = "SMPP account " + systemId + " already holds its " + account.maxBinds() + " bind(s) over the hub's nodes";
            store.bindClosed(bindId);
        }
        try {
            if (refusal != 0) {
                hop(bindId, "smpp-bind-refused", kind.text() + " from " + remote, SmppStatus.describe(refusal) + ": "
                        + why);
                LOG.info("SMPP bind refused: {} ({})", why, remote);
                request.reject(refusal);
                return;
            }
            session.setEnquireLinkTimer(config.getEnquireLinkMillis());
            session.setTransactionTimer(config.getResponseTimeoutMillis());
            session.addSessionStateListener((newState, oldState, s) -> {
                if (newState == SessionState.CLOSED || newState == SessionState.UNBOUND) {
                    apps.remove(s).ifPresent(this::unbound);
                }
            });
            request.accept(SYSTEM_ID, request.getInterfaceVersion());
            SmppMeters.bindAccount(meters, apps, systemId);
            hop(bindId, "smpp-bound", kind.text() + " from " + remote + " (SMPP " + request.getInterfaceVersion()
                    + ")", null);
            LOG.info("SMPP account {} bound as {} from {}", systemId, kind.text(), remote);
        } catch (Exception e) {
            LOG.info("SMPP bind of {} from {}: {}", systemId, remote, e.getMessage());
            apps.remove(session).ifPresent(this::unbound);
            session.close();
        }
    }

    private void unbound(BoundApp app) {
        try {
            store.bindClosed(app.bindId());
        } catch (RuntimeException e) {
            LOG.warn("SMPP bind {} of {}: its end not recorded: {}", app.bindId(), app.systemId(), e.getMessage());
        }
        hop(app.bindId(), "smpp-unbound", app.kind().text() + ", session " + app.session().getSessionState(), null);
        LOG.info("SMPP account {} unbound ({})", app.systemId(), app.kind().text());
    }

    private static BindKind kind(BindType type) {
        return switch (type) {
            case BIND_TX -> BindKind.TRANSMITTER;
            case BIND_RX -> BindKind.RECEIVER;
            default -> BindKind.TRANSCEIVER;
        };
    }

    private void hop(long bindId, String hop, String detail, String error) {
        if (journal != null) {
            journal.record(Hop.now(JournalKind.SMPP_BIND, bindId, hop, SubmitHandler.ROUTE_ID, detail, error));
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (listener != null) {
            listener.close();
        }
        if (acceptor != null) {
            acceptor.join(2000);
        }
        // Unbind politely: the application then knows to bind again (to this hub once it is back, or another node).
        for (BoundApp app : apps.all()) {
            try {
                app.session().unbindAndClose();
            } catch (RuntimeException e) {
                app.session().close();
            }
        }
        if (binds != null) {
            binds.shutdownNow();
            binds.awaitTermination(2, TimeUnit.SECONDS);
        }
        try {
            apps.forgetNode();
        } catch (RuntimeException e) {
            // the other nodes stop counting them once this node's lease runs out, and its next start forgets them
            LOG.warn("SMPP server: this node's binds not forgotten in the database: {}", e.getMessage());
        }
    }
}
