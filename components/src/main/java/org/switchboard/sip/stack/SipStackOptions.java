package org.switchboard.sip.stack;

import java.util.List;
import java.util.Properties;

/**
 * Where a shared SIP stack listens and how it is tuned. Users of one address must agree on all of it: the first to
 * open the stack creates it with these, and a later user asking for something else is refused.
 *
 * @param host          address to listen on
 * @param port          port to listen on, for every transport
 * @param transports    lower-case transport names, "udp" and/or "tcp"
 * @param udpBufferSize UDP socket buffer to ask for, in bytes; 0 keeps the stack's default
 * @param traceLevel    JAIN-SIP trace level for its SLF4J loggers (0 off, 16 info, 32 debug)
 */
public record SipStackOptions(String host, int port, List<String> transports, int udpBufferSize, int traceLevel) {

    /** Threads of the stack that read UDP messages. */
    static final int UDP_THREADS = 4;

    public SipStackOptions {
        transports = List.copyOf(transports);
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("a SIP stack needs a transport to listen on");
        }
    }

    /** The listening address, which names the stack among the shared ones. */
    String address() {
        return host + ":" + port;
    }

    Properties stackProperties(String stackName) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        // Without it the stack itself answers 481 to an out-of-dialog NOTIFY (chan_sip's and PJSIP's unsolicited MWI).
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        // The stack's own loggers want log4j 1.x.
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", Integer.toString(traceLevel));
        // Several stack threads may call the listener; handlers only judge and hand over, so that is safe.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(UDP_THREADS));
        // A UDP server transaction lives 32 s after its answer (timer J): at 4,000 NOTIFY/s that is 128,000 of them.
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "1000000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "10000");
        if (udpBufferSize > 0) {
            // Measured: a 4 MB buffer on a CPU-starved host turned drops into seconds of queueing (both retransmit).
            p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(udpBufferSize));
            p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(udpBufferSize));
        }
        return p;
    }
}
