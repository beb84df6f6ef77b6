package org.switchboard.modem.sim;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A raw TCP terminal on a simulated modem's port, as a test speaks AT to it. */
final class AtTerminal implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder unread = new StringBuilder();
    private long bytesRead;
    private boolean eof;

    private AtTerminal(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(50);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static AtTerminal connect(int port) throws IOException {
        return new AtTerminal(new Socket("127.0.0.1", port));
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads until the modem has written {@code marker}; returns everything up to and including it. */
    String expect(String marker) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (unread.indexOf(marker) < 0) {
            if (eof || System.nanoTime() > deadline) {
                fail("expected " + printable(marker) + " but got " + printable(unread.toString())
                        + (eof ? " and the connection closed" : ""));
            }
            readSome();
        }
        int end = unread.indexOf(marker) + marker.length();
        String s = unread.substring(0, end);
        unread.delete(0, end);
        return s;
    }

    /** Sends a command line and returns the reply up to its final OK or error line. */
    String command(String line) throws IOException {
        send(line + "\r");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String s = unread.toString();
            for (String fin : new String[] { "\r\nOK\r\n", "\r\nERROR\r\n", "ERROR: " }) {
                int i = s.indexOf(fin);
                if (i >= 0) {
                    int end = fin.equals("ERROR: ") ? s.indexOf("\r\n", i) + 2 : i + fin.length();
                    if (end > i) {
                        unread.delete(0, end);
                        return s.substring(0, end);
                    }
                }
            }
            if (eof || System.nanoTime() > deadline) {
                fail("no final result for " + line + ": " + printable(s));
            }
            readSome();
        }
    }

    /** Reads for {@code period} and returns what arrived. */
    String readFor(Duration period) throws IOException {
        long deadline = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < deadline && !eof) {
            readSome();
        }
        String s = unread.toString();
        unread.setLength(0);
        return s;
    }

    /** Whether the modem closed the connection within the wait. */
    boolean closedByModem() throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!eof && System.nanoTime() < deadline) {
            readSome();
        }
        return eof;
    }

    long bytesRead() {
        return bytesRead;
    }

    private void readSome() throws IOException {
        byte[] buf = new byte[4096];
        try {
            int n = in.read(buf);
            if (n < 0) {
                eof = true;
            } else {
                bytesRead += n;
                unread.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException e) {
            // nothing yet
        } catch (IOException e) {
            eof = true;
        }
    }

    static String printable(String s) {
        return "'" + s.replace("\r", "\\r").replace("\n", "\\n").replace("\u001a", "^Z") + "'";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
