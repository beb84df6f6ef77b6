package org.switchboard.sip.stack;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two places where JAIN-SIP's own start and stop leave threads that its stop cannot end, mended from outside. */
final class JainSipThreads {

    private static final Logger LOG = LoggerFactory.getLogger(JainSipThreads.class);
    private static final long READY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private JainSipThreads() {
    }

    /**
     * Returns once every UDP listening point's processor thread has made its {@code channels} channel threads. It makes
     * them, into the list its stop() walks, only once it runs: a stop before then fails half-way (a
     * NullPointerException or a ConcurrentModificationException, with the timer thread and the event scanner left
     * running), as when a route is stopped right after it started.
     */
    static void awaitUdpStarted(List<ListeningPoint> listeningPoints, int channels) {
        Field list;
        try {
            list = UDPMessageProcessor.class.getDeclaredField("messageChannels");
            list.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("JAIN-SIP's UDP processor has no channel list to wait for: {}", e.toString());
            return;
        }
        long deadline = System.nanoTime() + READY_NANOS;
        for (ListeningPoint lp : listeningPoints) {
            if (lp instanceof ListeningPointImpl nist
                    && nist.getMessageProcessor() instanceof UDPMessageProcessor udp) {
                while (channelsOf(list, udp) < channels && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(100_000);
                }
            }
        }
    }

    private static int channelsOf(Field list, UDPMessageProcessor udp) {
        try {
            return list.get(udp) instanceof List<?> made ? made.size() : 0;
        } catch (IllegalAccessException | RuntimeException e) {
            // Read while the processor's thread adds to it: look again.
            return 0;
        }
    }

    /**
     * Ends the event scanner of a stack that has been stopped. Its stop only flags JAIN-SIP's EventScannerThread (not a
     * daemon), which stays blocked on its empty queue and keeps the JVM from exiting; one event more, which no listener
     * receives any longer, wakes it to see the flag and end.
     */
    static void endScanner(EventScanner scanner, Object source) {
        if (scanner != null) {
            scanner.addEvent(new EventWrapper(new IOExceptionEvent(source, "127.0.0.1", 0, "udp"), null));
        }
    }
}
