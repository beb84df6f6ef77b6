package org.switchboard.modem.session;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * The thin I/O shell around {@link AtChannel}: a reader thread feeds it bytes, {@link #execute} queues a command and
 * waits for its answer. Commands go out one at a time in the order they came; when one completes, the thread that saw
 * its answer writes the next, so a queue of sends (a broadcast) loses no time to waking the next caller. URCs go to a
 * listener on the reader thread, which must not block.
 */
public final class AtClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AtClient.class);
    private static final long TICK_MILLIS = 50;
    private static final byte CTRL_Z = 0x1A;

    private final String name;
    private final ModemTransport transport;
    private final Consumer<UnsolicitedResult> urcListener;
    private final Runnable linkLostListener;
    /** Guards the channel, the command in flight and the queue. */
    private final Object lock = new Object();
    private final AtChannel channel = new AtChannel();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Pending inFlight;
    private volatile Thread reader;
    private volatile boolean closed;
    private volatile long lastReceivedNanos = System.nanoTime();

    /** A command and the caller waiting for it. */
    private static final class Pending {
        final AtCommand command;
        final CompletableFuture<AtResponse> answer = new CompletableFuture<>();
        /** Set once the prompt payload (the PDU and its Ctrl-Z) was written: from then on the SMS may be out. */
        volatile boolean payloadWritten;

        Pending(AtCommand command) {
            this.command = command;
        }
    }

    /** The link broke while a command was queued or under way. */
    public static final class LinkLostException extends IOException {
        private final boolean payloadSent;

        LinkLostException(String message, boolean payloadSent) {
            super(message);
            this.payloadSent = payloadSent;
        }

        /** Whether the command had written its prompt payload (the PDU): then the SMS may have gone out. */
        public boolean payloadSent() {
            return payloadSent;
        }
    }

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
        synchronized (lock) {
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
        synchronized (lock) {
            if (inFlight == null && !channel.busy()) {
                channel.reset();
            }
        }
    }

    /**
     * Runs one command after those queued before it and returns its answer; a timeout comes back as a response with
     * {@code TIMEOUT}.
     *
     * @throws LinkLostException when the link is gone
     */
    public AtResponse execute(AtCommand command) throws IOException {
        if (!isOpen()) {
            throw new LinkLostException("link to " + transport.describe() + " is closed", false);
        }
        Pending mine = new Pending(command);
        List<AtEvent> events = List.of();
        synchronized (lock) {
            if (inFlight == null) {
                inFlight = mine;
                events = channel.submit(command, now());
            } else {
                queue.add(mine);
            }
        }
        dispatch(events);
        try {
            while (true) {
                try {
                    return mine.answer.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (!isOpen()) {
                        failAll("link to " + transport.describe() + " lost during " + command.line());
                        continue;
                    }
                    List<AtEvent> ticked;
                    synchronized (lock) {
                        ticked = inFlight != null ? channel.tick(now()) : List.of();
                    }
                    dispatch(ticked);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.line(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LinkLostException lost) {
                throw new LinkLostException(lost.getMessage(), mine.payloadWritten);
            }
            throw new IOException("failed during " + command.line(), e.getCause());
        }
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
                    synchronized (lock) {
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
        failAll("link to " + transport.describe() + " closed");
        if (unexpected) {
            linkLostListener.run();
        }
    }

    private void dispatch(List<AtEvent> events) {
        for (AtEvent event : events) {
            if (event instanceof AtEvent.Send send) {
                write(send.bytes());
            } else if (event instanceof AtEvent.Completed done) {
                // Start the next command before waking the caller of this one: the modem is idle until it comes.
                Pending finished;
                List<AtEvent> next = List.of();
                synchronized (lock) {
                    finished = inFlight;
                    inFlight = queue.poll();
                    if (inFlight != null) {
                        next = channel.submit(inFlight.command, now());
                    }
                }
                dispatch(next);
                if (finished != null) {
                    finished.answer.complete(done.response());
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

    private void write(byte[] bytes) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("Modem {} -> {}", name, printable(bytes, bytes.length));
        }
        Pending current = inFlightCommand();
        if (current != null && bytes.length > 0 && bytes[bytes.length - 1] == CTRL_Z) {
            // Marked before writing: a write that fails half-way may still have put the SMS on its way.
            current.payloadWritten = true;
        }
        try {
            transport.write(bytes);
        } catch (IOException e) {
            LOG.warn("Modem {}: write to {} failed: {}", name, transport.describe(), e.getMessage());
            transport.close();
        }
    }

    private Pending inFlightCommand() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Fails the command in flight and every queued one: the link they were waiting on is gone. */
    private void failAll(String why) {
        List<Pending> failed = new ArrayList<>();
        synchronized (lock) {
            if (inFlight != null) {
                failed.add(inFlight);
                inFlight = null;
            }
            failed.addAll(queue);
            queue.clear();
            channel.reset();
        }
        for (Pending p : failed) {
            p.answer.completeExceptionally(new LinkLostException(why, p.payloadWritten));
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
