package org.asteriskjava.manager.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Replays what a PBX wrote on its manager connection through asterisk-java's own reader ({@link ManagerReaderImpl}, its
 * event and response builders), so that a test gets the typed events and responses the hub would get for those bytes.
 * In asterisk-java's package because its dispatcher interface is package-private.
 */
public final class AmiTranscript {
    private AmiTranscript() {
    }

    /**
     * The events and responses of {@code transcript}: packets of {@code Name: value} lines (LF or CRLF), each ended by
     * an empty line, in the order the reader builds them.
     */
    public static List<Object> read(String transcript) {
        List<String> lines = new ArrayList<>(List.of(transcript.replace("\r\n", "\n").split("\n", -1)));
        lines.add("");
        List<Object> out = new CopyOnWriteArrayList<>();
        ManagerReaderImpl reader = new ManagerReaderImpl(new Dispatcher() {
            @Override
            public void dispatchResponse(ManagerResponse response, Integer requiredHandlingTime) {
                out.add(response);
            }

            @Override
            public void dispatchEvent(ManagerEvent event, Integer requiredHandlingTime) {
                if (!(event instanceof DisconnectEvent) && !(event instanceof ProtocolIdentifierReceivedEvent)) {
                    out.add(event);
                }
            }

            @Override
            public void stop() {
            }
        }, AmiTranscript.class);
        reader.setSocket(new Lines(lines.iterator()));
        // Runs on this thread; its event pump is drained before it returns.
        reader.run();
        return List.copyOf(out);
    }

    /** A connection that reads the given lines, then ends. */
    private record Lines(Iterator<String> lines) implements SocketConnectionFacade {
        @Override
        public String readLine() {
            return lines.hasNext() ? lines.next() : null;
        }

        @Override
        public void write(String s) {
            throw new UnsupportedOperationException("a transcript is only read");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isConnected() {
            return lines.hasNext();
        }

        @Override
        public InetAddress getLocalAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public int getLocalPort() {
            return 0;
        }

        @Override
        public InetAddress getRemoteAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public int getRemotePort() {
            return 5038;
        }
    }
}
