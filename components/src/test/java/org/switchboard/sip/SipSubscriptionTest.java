package org.switchboard.sip;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The subscriptions the sip: consumer keeps up, against SIPp playing the PBX on loopback: a proxy's 407 challenge,
 * refreshes before expiry in the same dialog, and every way a PBX can lose a subscription (481 to a refresh, a
 * terminated NOTIFY, a restart), after which the hub must subscribe anew and take the NOTIFYs of the new dialog. The
 * PBX grants seconds, not hours, so refreshes come quickly.
 */
class SipSubscriptionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Queue<Message> notifies = new ConcurrentLinkedQueue<>();
    private final List<Process> pbxes = new ArrayList<>();
    private CamelContext hub;
    private int pbxPort;

    @BeforeEach
    void ports() {
        Sipp.executable();
        pbxPort = Sipp.freePort();
    }

    @AfterEach
    void stop() {
        pbxes.forEach(Process::destroy);
        if (hub != null) {
            hub.stop();
        }
    }

    /** SIPp as the PBX on {@link #pbxPort}, over UDP; {@code extra} follow, so a later -timeout or -t wins. */
    private Process pbx(String log, String scenario, int calls, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("-m", Integer.toString(calls), "-t", "u1", "-i", "127.0.0.1", "-p",
                Integer.toString(pbxPort)));
        args.addAll(List.of(extra));
        Process p = Sipp.start(log, scenario, args.toArray(String[]::new));
        pbxes.add(p);
        return p;
    }

    private static void awaitSuccess(Process pbx, String log) {
        await().atMost(WAIT).until(() -> !pbx.isAlive());
        assertEquals(0, pbx.exitValue(), "SIPp saw every request it expected; see target/sipp/" + log + ".log");
    }

    /** A hub subscribing to mailbox 1001 at the PBX; its route keeps every NOTIFY. */
    private SipSubscription subscribe(String options) throws Exception {
        int port = Sipp.freePort();
        hub = new DefaultCamelContext();
        hub.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:subscriber?host=127.0.0.1&port=" + port + "&transports=udp,tcp&subscribe=1001@127.0.0.1:"
                        + pbxPort + "&" + options)
                        .process(e -> notifies.add(e.getMessage().copy()));
            }
        });
        hub.start();
        return ((SipConsumer) hub.getRoutes().get(0).getConsumer()).subscriptions().get(0);
    }

    private List<Message> awaitNotifies(int count) {
        await().atMost(WAIT).until(() -> notifies.size() >= count);
        List<Message> all = List.copyOf(notifies);
        assertEquals(count, all.size(), "NOTIFYs routed");
        for (Message m : all) {
            assertEquals(true, m.getHeader(SipConstants.IN_DIALOG), "in the subscription's dialog");
            assertEquals(SipConstants.ACCEPTED, m.getHeader(SipConstants.OUTCOME));
            assertEquals("1001", m.getHeader(SipConstants.MAILBOX));
        }
        return all;
    }

    private static MessageCounts voice(Message m) {
        return m.getBody(MessageSummary.class).voice();
    }

    @Test
    void proxyChallengeIsAnsweredWithProxyAuthorization() throws Exception {
        Process pbx = pbx("sub-407", "uas_subscribe_407.xml", 1, "-trace_msg", "-message_file", "sub-407-messages.log");
        // The hub's account on the PBX is not the mailbox: NOTIFYs in its dialog are still about mailbox 1001.
        SipSubscription subscription = subscribe("username=switchboard&password=secret-sb");

        awaitSuccess(pbx, "sub-407");
        Message m = awaitNotifies(1).get(0);
        assertEquals(new MessageCounts(2, 8, 0, 0), voice(m));
        assertEquals(SipSubscription.State.ACTIVE, subscription.state());
        assertEquals(2, subscription.subscribes(), "the SUBSCRIBE and its answer to the 407");

        // SIPp checked the header is there for user switchboard in realm proxy; the digest itself is checked here.
        String log = Files.readString(Path.of("target", "sipp", "sub-407-messages.log"), StandardCharsets.ISO_8859_1);
        Matcher header = Pattern.compile("(?m)^Proxy-Authorization:\\s*Digest\\s+(.*)$").matcher(log);
        assertTrue(header.find(), "the retried SUBSCRIBE carries Proxy-Authorization");
        Map<String, String> digest = new HashMap<>();
        Matcher param = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))").matcher(header.group(1));
        while (param.find()) {
            digest.put(param.group(1).toLowerCase(), param.group(2) != null ? param.group(2) : param.group(3));
        }
        assertEquals("switchboard", digest.get("username"));
        assertEquals("proxy", digest.get("realm"));
        assertTrue(digest.get("nonce").matches("\\d+p1"), digest.toString());
        String ha1 = md5("switchboard:proxy:secret-sb");
        String ha2 = md5("SUBSCRIBE:" + digest.get("uri"));
        assertEquals(md5(ha1 + ":" + digest.get("nonce") + ":" + ha2), digest.get("response"),
                "digest response computed with the configured password");
    }

    @Test
    void notifyBeforeThe200BelongsToTheSubscription() throws Exception {
        // What a NOTIFY overtaking the 200 looks like to the hub, made certain: the PBX sends it first.
        Process pbx = pbx("sub-notify-first", "uas_notify_before_200.xml", 1);
        SipSubscription subscription = subscribe("username=switchboard&password=secret-sb&refreshPercent=50");

        awaitSuccess(pbx, "sub-notify-first"); // which saw the refresh in the dialog
        List<Message> all = awaitNotifies(2);
        assertEquals(new MessageCounts(2, 8, 0, 0), voice(all.get(0)));
        assertEquals(new MessageCounts(3, 8, 0, 0), voice(all.get(1)));
        assertEquals(SipSubscription.State.ACTIVE, subscription.state());
        assertEquals(2, subscription.notifies());
        assertTrue(subscription.subscribes() >= 2, "the SUBSCRIBE and its refresh: " + subscription.subscribes());
    }

    @Test
    void refreshesComeBeforeExpiryInTheSameDialog() throws Exception {
        // SIPp grants 4 s and fails the call when a refresh is late, leaves the dialog, or does not raise CSeq.
        Process pbx = pbx("sub-refresh", "uas_subscribe_refresh.xml", 1);
        SipSubscription subscription = subscribe("refreshPercent=50");

        awaitSuccess(pbx, "sub-refresh");
        List<Message> all = awaitNotifies(3);
        assertEquals(List.of(new MessageCounts(1, 0, 0, 0), new MessageCounts(2, 0, 0, 0), new MessageCounts(3, 0, 0, 0)),
                all.stream().map(SipSubscriptionTest::voice).toList());
        assertEquals(1, all.stream().map(m -> m.getHeader(SipConstants.CALL_ID)).distinct().count(), "one dialog");
        assertTrue(subscription.subscribes() >= 3, "the SUBSCRIBE and two refreshes: " + subscription.subscribes());
        assertEquals(4, subscription.grantedExpires());
    }

    @Test
    void challengedRefreshIsAnsweredInTheDialog() throws Exception {
        Process pbx = pbx("sub-refresh-401", "uas_subscribe_refresh_401.xml", 1);
        SipSubscription subscription = subscribe("username=1001&password=secret1001&refreshPercent=50");

        awaitSuccess(pbx, "sub-refresh-401");
        List<Message> all = awaitNotifies(2);
        assertEquals(new MessageCounts(2, 0, 0, 0), voice(all.get(1)));
        assertEquals(all.get(0).getHeader(SipConstants.CALL_ID), all.get(1).getHeader(SipConstants.CALL_ID), "one dialog");
        assertEquals(SipSubscription.State.ACTIVE, subscription.state());
        assertEquals(60, subscription.grantedExpires());
    }

    @Test
    void refreshAnswered481StartsANewSubscription() throws Exception {
        // SIPp's second call is the new SUBSCRIBE: it fails the call unless it comes without a To tag.
        Process pbx = pbx("sub-481", "uas_subscribe_481.xml", 2);
        SipSubscription subscription = subscribe("refreshPercent=50&resubscribeDelay=200");

        awaitSuccess(pbx, "sub-481");
        List<Message> all = awaitNotifies(2);
        assertEquals(new MessageCounts(1, 0, 0, 0), voice(all.get(0)));
        assertEquals(new MessageCounts(3, 1, 0, 0), voice(all.get(1)));
        assertNotEquals(all.get(0).getHeader(SipConstants.CALL_ID), all.get(1).getHeader(SipConstants.CALL_ID),
                "a new dialog");
        await().atMost(WAIT).until(() -> subscription.state() == SipSubscription.State.ACTIVE);
        assertEquals(2, subscription.notifies());
    }

    @ParameterizedTest
    @ValueSource(strings = {"deactivated", "noresource"})
    void terminatedNotifyStartsANewSubscription(String reason) throws Exception {
        Process pbx = pbx("sub-terminated-" + reason, "uas_subscribe_terminated.xml", 2, "-key", "reason", reason);
        SipSubscription subscription = subscribe("resubscribeDelay=200");

        awaitSuccess(pbx, "sub-terminated-" + reason);
        List<Message> all = awaitNotifies(2);
        assertEquals("terminated;reason=" + reason, all.get(0).getHeader(SipConstants.SUBSCRIPTION_STATE));
        assertEquals(new MessageCounts(4, 2, 0, 0), voice(all.get(1)));
        assertNotEquals(all.get(0).getHeader(SipConstants.CALL_ID), all.get(1).getHeader(SipConstants.CALL_ID),
                "a new dialog");
        await().atMost(WAIT).until(() -> subscription.state() == SipSubscription.State.ACTIVE);
    }

    @Test
    void stoppingTheHubUnsubscribes() throws Exception {
        Process pbx = pbx("sub-unsubscribe", "uas_unsubscribe.xml", 1);
        subscribe("expires=60");
        awaitNotifies(1);

        hub.stop();
        hub = null;
        awaitSuccess(pbx, "sub-unsubscribe"); // which saw SUBSCRIBE with Expires 0 in the dialog
    }

    /** Over UDP the refresh goes unanswered; over TCP the connection is gone and a new one is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void pbxRestartIsFollowedByAFreshSubscription(String transport) throws Exception {
        String sippTransport = transport.equals("tcp") ? "t1" : "u1";
        Process before = pbx("pbx-down-" + transport, "pbx_up_then_down.xml", 1, "-t", sippTransport);
        SipSubscription subscription = subscribe("subscribeTransport=" + transport
                + "&refreshPercent=50&subscribeTimeout=3000&resubscribeDelay=200&resubscribeMaxDelay=1000");
        awaitSuccess(before, "pbx-down-" + transport);
        assertEquals(new MessageCounts(1, 0, 0, 0), voice(awaitNotifies(1).get(0)));

        // The PBX is down: the hub notices (no answer within subscribeTimeout, or no connection) and keeps trying.
        await().atMost(WAIT).until(() -> subscription.state() == SipSubscription.State.RETRYING);
        if (transport.equals("udp")) {
            assertTrue(subscription.lastError().contains("no answer"), subscription.lastError());
        }
        long tried = subscription.subscribes();
        await().atMost(WAIT).until(() -> subscription.subscribes() > tried);

        // Back on the same port: with at most 1 s between attempts of 3 s each, a fresh SUBSCRIBE reaches it well
        // within SIPp's 10 s.
        Process after = pbx("pbx-back-" + transport, "pbx_back.xml", 1, "-t", sippTransport, "-timeout", "10s");
        awaitSuccess(after, "pbx-back-" + transport);
        List<Message> all = awaitNotifies(2);
        assertEquals(new MessageCounts(5, 2, 0, 0), voice(all.get(1)));
        assertNotEquals(all.get(0).getHeader(SipConstants.CALL_ID), all.get(1).getHeader(SipConstants.CALL_ID),
                "a new dialog");
        await().atMost(WAIT).until(() -> subscription.state() == SipSubscription.State.ACTIVE);
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
