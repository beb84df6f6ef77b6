package org.switchboard.calls.ami;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.calls.CallCause;

/**
 * The hub's manager session with the PBX, the thin shell around {@link AmiReader}: it connects, reads the banner, logs
 * in, hands every packet to its {@link Listener} on its one reader thread, and when the connection drops (or was never
 * made, or the login was refused) it tries again, waiting from {@code reconnect} doubling up to {@code maxReconnect}.
 * A Ping every {@code keepalive} keeps a silent link honest: a peer that says nothing for three of them is taken as
 * gone.
 */
public final class AmiConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AmiConnection.class);

    /** Where the PBX's manager listens and how the hub logs in and keeps the link. */
    public record Settings(String host, int port, String user, String secret, Duration connectTimeout,
            Duration reconnect, Duration maxReconnect, Duration keepalive) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(secret, "secret");
        }
    }

    /** What the session tells its owner; every call comes from the session's reader thread. */
    public interface Listener {
        /** Logged in; packets follow. */
        void up(String banner);

        /**
         * Not logged in, or no longer: {@code cause} is {@link CallCause#PBX_UNREACHABLE} or
         * {@link CallCause#AMI_LOGIN_REFUSED}; {@code wasUp} when a session that worked was lost.
         */
        void down(String cause, String detail, boolean wasUp);

        void received(AmiMessage message);
    }

    private final Settings settings;
    private final Listener listener;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong actionIds = new AtomicLong();
    private final Thread reader;
    private final Thread pinger;
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile boolean loggedIn;

    public AmiConnection(Settings settings, Listener listener) {
        this.settings = settings;
        this.listener = listener;
        this.reader = new Thread(this::run, "ami-" + settings.host() + ":" + settings.port());
        this.reader.setDaemon(true);
        this.pinger = new Thread(this::keepAlive, "ami-ping-" + settings.host() + ":" + settings.port());
        this.pinger.setDaemon(true);
    }

    /** Starts connecting in the background; {@link Listener#up} or {@link Listener#down} tells how it went. */
    public void start() {
        reader.start();
        pinger.start();
    }

    public boolean isUp() {
        return loggedIn;
    }

    /**
     * Sends an action on the session.
     *
     * @throws IOException when the session is not logged in or the write fails
     */
    public void send(AmiMessage action) throws IOException {
        OutputStream o = out;
        if (!loggedIn || o == null) {
            throw new IOException("not logged in to the PBX's manager");
        }
        byte[] wire = action.wire();
        synchronized (this) {
            o.write(wire);
            o.flush();
        }
    }

    private void run() {
        long wait = settings.reconnect().toMillis();
        while (closed.getCount() > 0) {
            boolean wasUp = session();
            if (wasUp) {
                wait = settings.reconnect().toMillis();
            }
            try {
                if (closed.await(wait, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (!wasUp) {
                wait = Math.min(wait * 2, settings.maxReconnect().toMillis());
            }
        }
    }

    /** One connection, from connecting to its end; whether it was logged in at some point. */
    private boolean session() {
        String where = settings.host() + ":" + settings.port();
        try (Socket s = new Socket()) {
            socket = s;
            s.connect(new InetSocketAddress(settings.host(), settings.port()), (int) settings.connectTimeout().toMillis());
            s.setSoTimeout((int) Math.max(settings.connectTimeout().toMillis(), settings.keepalive().toMillis() * 3));
            s.setTcpNoDelay(true);
            out = s.getOutputStream();
            return converse(s.getInputStream(), where);
        } catch (LoginRefused e) {
            listener.down(CallCause.AMI_LOGIN_REFUSED, "the PBX's manager at " + where + " refused the login of "
                    + settings.user() + ": " + e.getMessage(), false);
            return false;
        } catch (IOException | AmiProtocolException e) {
            if (closed.getCount() == 0) {
                return loggedIn;
            }
            boolean wasUp = loggedIn;
            loggedIn = false;
            String what = e instanceof ConnectException ? "connection refused"
                    : e instanceof SocketTimeoutException ? "no answer" : String.valueOf(e.getMessage());
            listener.down(CallCause.PBX_UNREACHABLE, (wasUp ? "lost the PBX's manager at " : "cannot reach the PBX's"
                    + " manager at ") + where + ": " + what, wasUp);
            return wasUp;
        } finally {
            loggedIn = false;
            out = null;
            socket = null;
        }
    }

    /** Reads the banner, logs in, then hands packets on until the peer closes (an IOException). */
    private boolean converse(InputStream in, String where) throws IOException {
        AmiReader reader = new AmiReader();
        byte[] buffer = new byte[8192];
        String loginId = "switchboard-login-" + actionIds.incrementAndGet();
        boolean loginSent = false;
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                if (!loggedIn && loginSent) {
                    // Asterisk closes the session right after "Authentication failed"; a close before any answer too.
                    throw new LoginRefused("the connection was closed after the login");
                }
                throw new IOException("the PBX closed the connection");
            }
            List<AmiMessage> packets = reader.feed(buffer, 0, n);
            if (!loginSent && reader.banner() != null) {
                write(AmiActions.login(loginId, settings.user(), settings.secret()));
                loginSent = true;
            }
            for (AmiMessage m : packets) {
                if (!loggedIn && loginId.equals(m.get("ActionID"))) {
                    if (!"Success".equalsIgnoreCase(m.get("Response"))) {
                        throw new LoginRefused(String.valueOf(m.get("Message")));
                    }
                    loggedIn = true;
                    LOG.info("Logged in to the PBX's manager at {} ({})", where, reader.banner());
                    listener.up(reader.banner());
                } else if (loggedIn) {
                    listener.received(m);
                }
            }
        }
    }

    private void write(AmiMessage action) throws IOException {
        synchronized (this) {
            out.write(action.wire());
            out.flush();
        }
    }

    private void keepAlive() {
        try {
            while (!closed.await(settings.keepalive().toMillis(), TimeUnit.MILLISECONDS)) {
                if (loggedIn) {
                    try {
                        send(AmiActions.ping("switchboard-ping-" + actionIds.incrementAndGet()));
                    } catch (IOException e) {
                        // The reader sees the same broken link and reconnects.
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        if (loggedIn) {
            try {
                send(AmiActions.logoff("switchboard-logoff-" + actionIds.incrementAndGet()));
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        reader.interrupt();
        pinger.interrupt();
    }

    /** The PBX answered the login with an error, or closed the connection on it. */
    private static final class LoginRefused extends IOException {
        private static final long serialVersionUID = 1L;

        LoginRefused(String message) {
            super(message);
        }
    }
}
