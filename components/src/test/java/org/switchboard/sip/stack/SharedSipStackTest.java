package org.switchboard.sip.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.switchboard.sip.Sipp;

/** The shared stack: requests and answers reach the handler that owns them, users share one address, stop ends it all. */
class SharedSipStackTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SCANNER = "EventScannerThread";

    private static SipStackOptions options(int port) {
        return new SipStackOptions("127.0.0.1", port, List.of("udp", "tcp"), 0, 0);
    }

    /** Answers every OPTIONS with 200 and keeps what it hears about what it sent. */
    private static final class Peer implements SipHandler {
        private final BlockingQueue<Integer> answers = new LinkedBlockingQueue<>();
        private SharedSipStack stack;

        @Override
        public boolean onRequest(RequestEvent event) {
            if (!Request.OPTIONS.equals(event.getRequest().getMethod())) {
                return false;
            }
            try {
                ServerTransaction tx = stack.provider().getNewServerTransaction(event.getRequest());
                tx.sendResponse(stack.messages().createResponse(Response.OK, event.getRequest()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return true;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            answers.add(event.getResponse().getStatusCode());
        }

        /** Sends OPTIONS to 127.0.0.1:port as a transaction of this handler's own. */
        void options(int port) throws Exception {
            SipURI to = stack.addresses().createSipURI("probe", "127.0.0.1");
            to.setPort(port);
            SipURI from = stack.addresses().createSipURI("test", "127.0.0.1");
            var headers = stack.headers();
            Request request = stack.messages().createRequest(to, Request.OPTIONS, stack.provider().getNewCallId(),
                    headers.createCSeqHeader(1L, Request.OPTIONS),
                    headers.createFromHeader(stack.addresses().createAddress(from), "t" + System.nanoTime()),
                    headers.createToHeader(stack.addresses().createAddress(to), null),
                    List.of(headers.createViaHeader("127.0.0.1", stack.provider().getListeningPoint("udp").getPort(),
                            "udp", null)),
                    headers.createMaxForwardsHeader(70));
            ClientTransaction tx = stack.provider().getNewClientTransaction(request);
            tx.setApplicationData(this);
            tx.sendRequest();
        }

        int answer() throws InterruptedException {
            Integer status = answers.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (status == null) {
                throw new AssertionError("no answer within " + WAIT);
            }
            return status;
        }
    }

    private static Peer open(int port) throws Exception {
        Peer peer = new Peer();
        peer.stack = SharedSipStack.open("test-" + port, options(port), peer);
        return peer;
    }

    @Test
    void aHandlerSendsARequestAndHearsItsAnswer() throws Exception {
        int a = Sipp.freePort();
        int b = Sipp.freePort();
        Peer left = open(a);
        Peer right = open(b);
        try {
            left.options(b);
            assertEquals(Response.OK, left.answer());
            right.options(a);
            assertEquals(Response.OK, right.answer());
        } finally {
            left.stack.close(left);
            right.stack.close(right);
        }
    }

    @Test
    void usersOfOneAddressShareItsStackUntilTheLastCloses() throws Exception {
        int port = Sipp.freePort();
        int probePort = Sipp.freePort();
        Peer probe = open(probePort);
        Peer first = open(port);
        SipHandler second = new SipHandler() { };
        try {
            assertSame(first.stack, SharedSipStack.open("second", options(port), second));
            assertThrows(IllegalStateException.class, () -> SharedSipStack.open("other",
                    new SipStackOptions("127.0.0.1", port, List.of("udp"), 0, 0), new SipHandler() { }));

            first.stack.close(first);
            // Still listening for the second user, which takes no OPTIONS: the stack answers for nobody.
            probe.options(port);
            assertEquals(Response.NOT_IMPLEMENTED, probe.answer());

            first.stack.close(second);
            // Stopped, so the address is free for a new stack.
            Peer again = open(port);
            assertFalse(again.stack == first.stack, "a new stack after the last user left");
            again.stack.close(again);
        } finally {
            probe.stack.close(probe);
        }
    }

    @Test
    void stoppingTheStackEndsJainSipsThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Peer peer = open(Sipp.freePort());
        assertTrue(newThreads(before).stream().anyMatch(t -> t.getName().equals(SCANNER)),
                "the stack runs a scanner thread, else this test would prove nothing");
        peer.stack.close(peer);
        await().pollInSameThread().atMost(WAIT).until(() -> newThreads(before).isEmpty());
    }

    @Test
    void stoppingASipEndpointEndsJainSipsThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:threads?host=127.0.0.1&port=" + Sipp.freePort() + "&subscribe=1001@127.0.0.1:"
                        + Sipp.freePort()).log("${body}");
            }
        });
        camel.start();
        assertTrue(newThreads(before).stream().anyMatch(t -> t.getName().equals(SCANNER)));
        camel.stop();
        await().pollInSameThread().atMost(WAIT).until(() -> newThreads(before).isEmpty());
    }

    // Threads started since {@code before} that are still alive and would keep the JVM from exiting.
    private static Set<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }
}
