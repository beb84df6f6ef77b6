package org.switchboard.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a hub under test to listen on, picked below Linux's ephemeral range (32768 and up by default). A port the
 * system hands out for {@code new ServerSocket(0)} comes from that range, and once released it can be taken as the
 * local port of an outgoing connection (the hub's own connections to its database, modems and mail server) before the
 * hub binds it: "Address already in use" in a full run.
 */
final class ListenPorts {
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;

    private ListenPorts() {
    }

    /** A port on 127.0.0.1 that nothing listens on now. */
    static int free() {
        return free(1);
    }

    /** The first of {@code count} consecutive ports on 127.0.0.1 that nothing listens on now. */
    static int free(int count) {
        for (int attempt = 0; attempt < 500; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(FIRST, LAST - count);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free port(s) between " + FIRST + " and " + LAST);
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port} now: a server under test has come up. */
    static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
