package org.switchboard.modem.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A modem's serial line as a TCP port on 127.0.0.1. Like a serial port it is exclusive: while one host is connected,
 * further connections are closed at once. Bytes in both directions are paced to the configured line speed.
 */
final class ModemPort implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModemPort.class);

    private final SimModem modem;
    private final ServerSocket server;
    private final int baudRate;
    private final Thread acceptor;
    private volatile Connection current;
    private volatile boolean closed;

    ModemPort(SimModem modem, int port, int baudRate) throws IOException {
        this.modem = modem;
        this.baudRate = baudRate;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        this.acceptor = new Thread(this::acceptLoop, "sim-modem-" + modem.id() + "-accept");
        acceptor.setDaemon(true);
    }

    void start() {
        acceptor.start();
    }

    int localPort() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("modem {}: accept failed: {}", modem.id(), e.toString());
                }
                return;
            }
            if (current != null) {
                LOG.info("modem {}: port busy, refusing a second host", modem.id());
                closeQuietly(socket);
                continue;
            }
            Connection c = new Connection(socket);
            current = c;
            Thread t = new Thread(c::run, "sim-modem-" + modem.id() + "-host");
            t.setDaemon(true);
            t.start();
        }
    }

    void dropConnection() {
        Connection c = current;
        if (c != null) {
            c.hangUp();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        dropConnection();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    /** One host on the line. */
    private final class Connection implements AtDevice.HostLink {
        private final Socket socket;
        // Fair: line noise waiting to be written goes out before the next line of a response being written, as on a
        // real line. An unfair lock let the response's thread take it back line after line (it sleeps for the pacing
        // while holding it), so that noise meant to land inside a listing could wait for its end.
        private final ReentrantLock writeLock = new ReentrantLock(true);
        private final LinePacer inPacer = new LinePacer(baudRate);
        private final LinePacer outPacer = new LinePacer(baudRate);
        private OutputStream out;

        Connection(Socket socket) {
            this.socket = socket;
        }

        void run() {
            AtDevice device = modem.device();
            try (socket) {
                socket.setTcpNoDelay(true);
                out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                device.attach(this);
                // Whatever one host write put on the line is paced as one stretch of the line's time: pacing it in
                // small pieces would add a scheduler wake-up per piece and make the line slower than its baud rate.
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    modem.countFromHost(n);
                    inPacer.pace(n);
                    device.input(buf, 0, n);
                }
            } catch (SocketException e) {
                // the host went away or we hung up
            } catch (IOException | RuntimeException e) {
                LOG.warn("modem {}: connection ended: {}", modem.id(), e.toString());
            } finally {
                device.detach(this);
                current = null;
            }
        }

        @Override
        public void write(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            writeLock.lock();
            try {
                if (out == null || socket.isClosed()) {
                    return;
                }
                outPacer.pace(bytes.length);
                out.write(bytes);
                out.flush();
                modem.countToHost(bytes.length);
            } catch (IOException e) {
                hangUp();
            } finally {
                writeLock.unlock();
            }
        }

        @Override
        public void hangUp() {
            closeQuietly(socket);
        }
    }
}
