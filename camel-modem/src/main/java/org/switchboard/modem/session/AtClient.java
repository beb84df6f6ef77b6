package org.switchboard.modem.session;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.switchboard.modem.at.AtChannel;
import org.switchboard.modem.at.AtCommand;
import org.switchboard.modem.at.AtEvent;
import org.switchboard.modem.at.AtResponse;
import org.switchboard.modem.at.UnsolicitedResult;
import org.switchboard.modem.transport.ModemTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin I/O shell around {@link AtChannel}: a reader thread feeds it bytes, {@link #execute} runs one command at a
 * time and waits for its answer. URCs go to a listener on the reader thread, which must not block.
 */
public final class AtClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AtClient.class);
    private static final long TICK_MILLIS = 50;

    private final String name;
    private final ModemTransport transport;
    private final Consumer<UnsolicitedResult> urcListener;
    private final Runnable linkLostListener;
    private final AtChannel channel = new AtChannel();
    private final Object commandLock = new Object();
    private volatile CompletableFuture<AtResponse> pending;
    private volatile int writesThisCommand;
    private volatile Thread reader;
    private volatile boolean closed;
    private volatile long lastReceivedNanos = System.nanoTime();

    public AtClient(String name, ModemTransport transport, Consumer<UnsolicitedResult> urcListener,
            Runnable linkLostListener) {
        this.name = name;
        this.transport = transport;
        this.urcListener = urcListener;
        this.linkLostListener = linkLostListener;
    }

    /** Opens the transport and starts reading. */
    public void open() throws IOException {
        closed = false;
        synchronized (channel) {
            channel.reset();
        }
        transport.open();
        Thread t = new Thread(this::readLoop, "modem-" + name + "-reader");
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    public boolean isOpen() {
        return !closed && transport.isOpen();
    }

    /** Sends raw bytes outside any command: ESC to leave a pending prompt during a re-sync. */
    public void sendRaw(byte[] bytes) throws IOException {
        transport.write(bytes);
    }

    /**
     * Waits until the modem has been silent for {@code quietMillis} (at most {@code maxMillis}), then forgets any
     * partial line. After an ESC, whatever the modem still had to say (an echo, an ERROR for the aborted line) has
     * then arrived and been dropped as stale, instead of being taken for the answer to the next command.
     */
    public void awaitQuiet(long quietMillis, long maxMillis) throws IOException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        long quiet = quietMillis * 1_000_000L;
        try {
            while (isOpen()) {
                long now = System.nanoTime();
                long silentFor = now - lastReceivedNanos;
                if (silentFor >= quiet || now >= deadline) {
                    break;
                }
                Thread.sleep(Math.max(1, Math.min(quiet - silentFor, deadline - now) / 1_000_000L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the modem to fall silent", e);
        }
        synchronized (channel) {
            if (!channel.busy()) {
                channel.reset();
            }
        }
    }

    /**
     * Runs one command and returns its answer; a timeout comes back as a response with {@code TIMEOUT}.
     *
     * @throws IOException when the link is gone
     */
    public AtResponse execute(AtCommand command) throws IOException {
        synchronized (commandLock) {
            if (!isOpen()) {
                throw new IOException("link to " + transport.describe() + " is closed");
            }
            CompletableFuture<AtResponse> answer = new CompletableFuture<>();
            pending = answer;
            writesThisCommand = 0;
            List<AtEvent> events;
            synchronized (channel) {
                events = channel.submit(command, now());
            }
            dispatch(events);
            try {
                while (true) {
                    try {
                        return answer.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        if (!isOpen()) {
                            throw new IOException("link to " + transport.describe() + " lost during " + command.line());
                        }
                        List<AtEvent> ticked;
                        synchronized (channel) {
                            ticked = channel.tick(now());
                        }
                        dispatch(ticked);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + command.line(), e);
            } catch (ExecutionException e) {
                throw new IOException("link lost during " + command.line(), e.getCause());
            } finally {
                pending = null;
            }
        }
    }

    /** Whether the last command got as far as writing its prompt payload (the PDU): then the SMS may be out. */
    public boolean payloadSent() {
        return writesThisCommand > 1;
    }

    private void readLoop() {
        byte[] buffer = new byte[4096];
        try {
            while (!closed) {
                int n = transport.read(buffer);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    lastReceivedNanos = System.nanoTime();
                    if (LOG.isTraceEnabled()) {
                        LOG.trace("Modem {} <- {}", name, printable(buffer, n));
                    }
                    List<AtEvent> events;
                    synchronized (channel) {
                        events = channel.receive(buffer, 0, n, now());
                    }
                    dispatch(events);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("Modem {}: read from {} failed: {}", name, transport.describe(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("Modem {}: reader stopped by an unexpected error", name, e);
        }
        boolean unexpected = !closed;
        transport.close();
        CompletableFuture<AtResponse> waiting = pending;
        if (waiting != null) {
            waiting.completeExceptionally(new IOException("link to " + transport.describe() + " closed"));
        }
        if (unexpected) {
            linkLostListener.run();
        }
    }

    private void dispatch(List<AtEvent> events) {
        for (AtEvent event : events) {
            if (event instanceof AtEvent.Send send) {
                try {
                    writesThisCommand++;
                    if (LOG.isTraceEnabled()) {
                        LOG.trace("Modem {} -> {}", name, printable(send.bytes(), send.bytes().length));
                    }
                    transport.write(send.bytes());
                } catch (IOException e) {
                    LOG.warn("Modem {}: write to {} failed: {}", name, transport.describe(), e.getMessage());
                    transport.close();
                }
            } else if (event instanceof AtEvent.Completed done) {
                CompletableFuture<AtResponse> waiting = pending;
                if (waiting != null) {
                    waiting.complete(done.response());
                }
            } else if (event instanceof AtEvent.Unsolicited urc) {
                try {
                    urcListener.accept(urc.urc());
                } catch (RuntimeException e) {
                    LOG.warn("Modem {}: URC listener failed on {}", name, urc.urc().line(), e);
                }
            }
        }
    }

    /** The bytes as a log line: CR, LF and other control characters spelled out. */
    private static String printable(byte[] bytes, int length) {
        StringBuilder b = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++) {
            int c = bytes[i] & 0xFF;
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        b.append(String.format("<%02X>", c));
                    } else {
                        b.append((char) c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public void close() {
        closed = true;
        transport.close();
        Thread t = reader;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
