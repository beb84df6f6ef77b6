package org.switchboard.modem.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A modem behind a TCP socket: a serial-over-IP terminal server, or the simulator. */
public final class TcpTransport implements ModemTransport {
    private static final int READ_WAIT_MILLIS = 200;

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private volatile Socket socket;
    private InputStream in;
    private OutputStream out;

    public TcpTransport(String host, int port, int connectTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public synchronized void open() throws IOException {
        close();
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            s.setSoTimeout(READ_WAIT_MILLIS);
            in = s.getInputStream();
            out = s.getOutputStream();
            socket = s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        Socket s = socket;
        if (s == null || s.isClosed()) {
            return -1;
        }
        try {
            return in.read(buffer);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        Socket s = socket;
        if (s == null || s.isClosed()) {
            throw new IOException("not connected to " + describe());
        }
        out.write(bytes);
        out.flush();
    }

    @Override
    public boolean isOpen() {
        Socket s = socket;
        return s != null && !s.isClosed();
    }

    @Override
    public String describe() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public synchronized void close() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a socket that is already broken: nothing left to release
            }
        }
    }
}
