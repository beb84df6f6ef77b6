package org.switchboard.sip;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sip: consumer against SIPp playing the PBX on loopback: every answer a PBX can get, and what the route sees. */
class SipComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Queue<Message> received = new ConcurrentLinkedQueue<>();
    private static CamelContext camel;
    private static int hubPort;

    @BeforeAll
    static void startHub() throws Exception {
        Sipp.executable();
        hubPort = Sipp.freePort();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:pbx?host=127.0.0.1&port=" + hubPort + "&transports=udp,tcp&allowedPeers=127.0.0.1")
                        .routeId("voicemail-notify")
                        .process(e -> {
                            received.add(e.getMessage().copy());
                            if ("fail".equals(e.getMessage().getHeader(SipConstants.MAILBOX))) {
                                throw new IllegalStateException("journal down");
                            }
                        });
            }
        });
        camel.start();
    }

    @AfterAll
    static void stopHub() {
        if (camel != null) {
            camel.stop();
        }
    }

    @BeforeEach
    void forget() {
        received.clear();
    }

    private static String[] uac(String transport, String service, String localIp) {
        return new String[] {"-m", "1", "-t", transport, "-i", localIp, "-p", Integer.toString(Sipp.freePort()),
            "-s", service, "127.0.0.1:" + hubPort};
    }

    private static Message one() {
        await().atMost(WAIT).until(() -> !received.isEmpty());
        assertEquals(1, received.size(), "one exchange per NOTIFY");
        return received.peek();
    }

    @Test
    void chanSipUnsolicitedNotifyIsAnswered200AndRouted() throws Exception {
        assertEquals(0, Sipp.run("chansip", "notify_chansip.xml", uac("u1", "1001", "127.0.0.1")));
        Message m = one();
        MessageSummary s = m.getBody(MessageSummary.class);
        assertTrue(s.messagesWaiting());
        assertEquals(new MessageCounts(2, 8, 0, 0), s.voice());
        assertEquals(SipConstants.ACCEPTED, m.getHeader(SipConstants.OUTCOME));
        assertNull(m.getHeader(SipConstants.SUBSCRIPTION_STATE));
        assertEquals(false, m.getHeader(SipConstants.IN_DIALOG));
        // chan_sip puts its vmexten (default "asterisk") in Message-Account: the mailbox is the peer it notifies.
        assertEquals("1001", m.getHeader(SipConstants.MAILBOX));
        assertEquals("UDP", m.getHeader(SipConstants.TRANSPORT));
        assertTrue(m.getHeader(SipConstants.SOURCE_ADDRESS, String.class).startsWith("127.0.0.1:"));
        assertNotNull(m.getHeader(SipConstants.CALL_ID));
        assertTrue(m.getHeader(SipConstants.FROM, String.class).contains("sip:pbx@127.0.0.1"));
    }

    @Test
    void pjsipUnsolicitedNotifyOverTcpIsAnswered200AndRouted() throws Exception {
        assertEquals(0, Sipp.run("pjsip", "notify_pjsip.xml", uac("t1", "1001", "127.0.0.1")));
        Message m = one();
        assertEquals(new MessageCounts(3, 1, 1, 0), m.getBody(MessageSummary.class).voice());
        assertEquals("sip:1001@pbx", m.getBody(MessageSummary.class).messageAccount());
        assertEquals("1001", m.getHeader(SipConstants.MAILBOX));
        assertEquals("active", m.getHeader(SipConstants.SUBSCRIPTION_STATE));
        assertEquals("TCP", m.getHeader(SipConstants.TRANSPORT));
        assertEquals(SipConstants.ACCEPTED, m.getHeader(SipConstants.OUTCOME));
    }

    @Test
    void malformedBodyIsAnswered400AndJournalled() throws Exception {
        assertEquals(0, Sipp.run("malformed", "notify_malformed.xml", uac("u1", "1002", "127.0.0.1")));
        Message m = one();
        assertNull(m.getBody());
        assertEquals(SipConstants.REJECTED, m.getHeader(SipConstants.OUTCOME));
        assertEquals(400, m.getHeader(SipConstants.STATUS_CODE));
        assertEquals("Bad Request: Messages-Waiting must be yes or no, not 'perhaps'", m.getHeader(SipConstants.REASON));
        assertEquals("1002", m.getHeader(SipConstants.MAILBOX));
    }

    @Test
    void otherEventPackageIsAnswered489() throws Exception {
        assertEquals(0, Sipp.run("presence", "notify_presence.xml", uac("u1", "1001", "127.0.0.1")));
        Message m = one();
        assertEquals(489, m.getHeader(SipConstants.STATUS_CODE));
        assertEquals("presence", m.getHeader(SipConstants.EVENT));
        assertEquals(SipConstants.REJECTED, m.getHeader(SipConstants.OUTCOME));
    }

    @Test
    void senderNotAllowedIsAnswered403() throws Exception {
        assertEquals(0, Sipp.run("forbidden", "notify_forbidden.xml", uac("u1", "1001", "127.0.0.2")));
        Message m = one();
        assertEquals(403, m.getHeader(SipConstants.STATUS_CODE));
        assertTrue(m.getHeader(SipConstants.SOURCE_ADDRESS, String.class).startsWith("127.0.0.2:"));
        assertEquals(SipConstants.REJECTED, m.getHeader(SipConstants.OUTCOME));
    }

    @Test
    void failingRouteIsAnswered500() throws Exception {
        assertEquals(0, Sipp.run("route-fails", "notify_route_fails.xml", uac("u1", "fail", "127.0.0.1")));
        assertEquals(SipConstants.ACCEPTED, one().getHeader(SipConstants.OUTCOME));
    }

    @Test
    void optionsIsAnswered200() throws Exception {
        assertEquals(0, Sipp.run("options", "options.xml", uac("u1", "1001", "127.0.0.1")));
        assertTrue(received.isEmpty());
    }

    @Test
    void otherMethodIsAnswered405() throws Exception {
        assertEquals(0, Sipp.run("message", "message.xml", uac("u1", "1001", "127.0.0.1")));
        assertTrue(received.isEmpty());
    }

    @Test
    void healthCheckIsUpWhileListening() {
        HealthCheck.Result result = HealthCheckHelper.invoke(camel).stream()
                .filter(r -> r.getCheck().getId().equals("sip-pbx")).findFirst().orElseThrow();
        assertEquals(HealthCheck.State.UP, result.getState());
    }

    @Test
    void subscriptionWithDigestNotifiesInDialogAndRefresh() throws Exception {
        int pbxPort = Sipp.freePort();
        int port = Sipp.freePort();
        Process pbx = Sipp.start("uas-subscribe", "uas_subscribe.xml", "-trace_msg", "-m", "1", "-t", "u1", "-i", "127.0.0.1", "-p",
                Integer.toString(pbxPort));
        Queue<Message> inDialog = new ConcurrentLinkedQueue<>();
        CamelContext hub = new DefaultCamelContext();
        try {
            hub.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("sip:subscriber?host=127.0.0.1&port=" + port + "&subscribe=1001@127.0.0.1:" + pbxPort
                            + "&username=1001&password=secret1001&expires=3600&resubscribeDelay=60000")
                            .process(e -> inDialog.add(e.getMessage().copy()));
                }
            });
            hub.start();
            SipConsumer consumer = (SipConsumer) hub.getRoutes().get(0).getConsumer();
            SipSubscription subscription = consumer.subscriptions().get(0);
            await().atMost(Duration.ofSeconds(25)).until(() -> !pbx.isAlive());
            assertEquals(0, pbx.exitValue(), "SIPp saw every request it expected; see target/sipp/uas-subscribe.log");
            await().atMost(WAIT).until(() -> inDialog.size() == 3);
            List<Message> notifies = List.copyOf(inDialog);
            for (Message m : notifies) {
                assertEquals(true, m.getHeader(SipConstants.IN_DIALOG));
                assertEquals(SipConstants.ACCEPTED, m.getHeader(SipConstants.OUTCOME));
                assertEquals("1001", m.getHeader(SipConstants.MAILBOX));
            }
            assertEquals(new MessageCounts(2, 0, 1, 0), notifies.get(1).getBody(MessageSummary.class).voice());
            assertTrue(notifies.get(2).getHeader(SipConstants.SUBSCRIPTION_STATE, String.class).startsWith("terminated"));
            // SUBSCRIBE, its answer to the 401, and the refresh.
            assertTrue(subscription.subscribes() >= 3, "subscribes: " + subscription.subscribes());
            assertEquals(3, subscription.notifies());
            await().atMost(WAIT).until(() -> subscription.state() == SipSubscription.State.RETRYING);
            assertTrue(subscription.lastError().contains("terminated"), subscription.lastError());
            Map<String, Object> details = HealthCheckHelper.invoke(hub).stream()
                    .filter(r -> r.getCheck().getId().equals("sip-subscriber")).findFirst().orElseThrow().getDetails();
            assertEquals("RETRYING", details.get("subscription.1001@127.0.0.1:" + pbxPort + ".state"));
        } finally {
            pbx.destroy();
            hub.stop();
        }
    }
}
