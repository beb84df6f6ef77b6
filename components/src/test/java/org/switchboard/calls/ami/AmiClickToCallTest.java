package org.switchboard.calls.ami;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.calls.CallCause;
import org.switchboard.calls.CallTransition;

/**
 * Click-to-call against a scripted PBX manager over a real TCP socket: the Originate the PBX receives, the states that
 * follow its events, the failures each with its cause, and the session re-established after a drop.
 */
class AmiClickToCallTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AmiClickToCall.Dialplan DIALPLAN = new AmiClickToCall.Dialplan("PJSIP/{agent}",
            "from-internal", "{e164}", Duration.ofSeconds(20));

    private final Map<Long, List<String>> states = new ConcurrentHashMap<>();
    private final List<CallTransition> all = new CopyOnWriteArrayList<>();
    private ScriptedAmiServer pbx;
    private AmiClickToCall calls;

    private AmiClickToCall connect(int port, String secret) {
        calls = new AmiClickToCall(new AmiClickToCall.Settings("127.0.0.1", port, "switchboard", secret,
                Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(5)), DIALPLAN,
                t -> {
                    all.add(t);
                    states.computeIfAbsent(t.callId(), k -> new CopyOnWriteArrayList<>())
                            .add(t.state().text() + (t.cause() == null ? "" : " " + t.cause()));
                }, Clock.systemUTC()).start();
        return calls;
    }

    private List<String> statesOf(long call) {
        return states.getOrDefault(call, List.of());
    }

    @AfterEach
    void stop() throws IOException {
        if (calls != null) {
            calls.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    @Test
    void theOriginateHasTheRightFieldsAndTheCallFollowsThePbxsEvents() throws Exception {
        pbx = new ScriptedAmiServer("switchboard", "s3cret");
        connect(pbx.port(), "s3cret");
        await().atMost(WAIT).until(() -> calls.unavailable().isEmpty());
        calls.start(1, "1001", "+6281234567890");
        await().atMost(WAIT).until(() -> statesOf(1).contains("connected"));
        ScriptedAmiServer.Packet o = pbx.originates().get(0);
        assertEquals("Originate", o.get("Action"));
        assertEquals("PJSIP/1001", o.get("Channel"));
        assertEquals("from-internal", o.get("Context"));
        assertEquals("+6281234567890", o.get("Exten"));
        assertEquals("1", o.get("Priority"));
        assertEquals("20000", o.get("Timeout"));
        assertEquals("true", o.get("Async"));
        assertEquals(List.of("__SWITCHBOARD_CALL_ID=1"), o.all("Variable"));
        assertEquals("\"+6281234567890\" <1001>", o.get("CallerID"));
        assertEquals("switchboard-call-1-agent", o.get("ChannelId"));
        assertTrue(o.get("ActionID").endsWith("#switchboard-call-1"), o.get("ActionID"));
        assertEquals("switchboard-call-1", o.actionId());
        pbx.hangUp("switchboard-call-1", false);
        await().atMost(WAIT).until(() -> statesOf(1).size() == 5);
        assertEquals(List.of("agent-ringing", "agent-answered", "customer-ringing", "connected", "ended agent-hung-up"),
                statesOf(1));
    }

    @Test
    void eachFailureHasItsOwnCauseAndNothingIsOriginatedTwice() throws Exception {
        pbx = new ScriptedAmiServer("switchboard", "s3cret").agent("1002", ScriptedAmiServer.Phone.BUSY)
                .agent("1003", ScriptedAmiServer.Phone.NO_ANSWER).agent("1004", ScriptedAmiServer.Phone.UNREACHABLE)
                .customer("+6281200000001", ScriptedAmiServer.Phone.BUSY)
                .customer("+6281200000002", ScriptedAmiServer.Phone.NO_ANSWER)
                .customer("+6281200000003", ScriptedAmiServer.Phone.UNREACHABLE);
        connect(pbx.port(), "s3cret");
        await().atMost(WAIT).until(() -> calls.unavailable().isEmpty());
        calls.start(2, "1002", "+6281234567890");
        calls.start(3, "1003", "+6281234567890");
        calls.start(4, "1004", "+6281234567890");
        calls.start(5, "1001", "+6281200000001");
        calls.start(6, "1001", "+6281200000002");
        calls.start(7, "1001", "+6281200000003");
        await().atMost(WAIT).until(() -> all.stream().filter(t -> t.state().isFinal()).count() == 6);
        assertEquals("failed agent-busy", last(2));
        assertEquals("failed agent-no-answer", last(3));
        assertEquals("failed agent-unavailable", last(4));
        assertEquals("failed customer-busy", last(5));
        assertEquals("failed customer-no-answer", last(6));
        assertEquals("failed customer-unreachable", last(7));
        assertEquals(6, pbx.originates().size(), "one Originate per call, none repeated");
        pbx.refuseOriginate("Extension does not exist.");
        calls.start(8, "1001", "+6281234567890");
        await().atMost(WAIT).until(() -> statesOf(8).contains("failed originate-refused"));
    }

    private String last(long call) {
        List<String> s = statesOf(call);
        return s.get(s.size() - 1);
    }

    @Test
    void aDroppedSessionIsReEstablishedAndTheCallsItHeldAreGivenUp() throws Exception {
        pbx = new ScriptedAmiServer("switchboard", "s3cret");
        connect(pbx.port(), "s3cret");
        await().atMost(WAIT).until(() -> calls.unavailable().isEmpty());
        calls.start(1, "1001", "+6281234567890");
        await().atMost(WAIT).until(() -> statesOf(1).contains("connected"));
        pbx.dropConnections();
        await().atMost(WAIT).until(() -> statesOf(1).contains("ended " + CallCause.CONNECTION_LOST));
        await().atMost(WAIT).until(() -> pbx.logins() == 2 && calls.unavailable().isEmpty());
        calls.start(2, "1001", "+6281234567890");
        await().atMost(WAIT).until(() -> statesOf(2).contains("connected"));
        assertEquals(2, pbx.originates().size(), "the lost call was not placed again");
    }

    @Test
    void aRefusedLoginAndAnUnreachablePbxFailCallsAtOnceWithDistinctCauses() throws Exception {
        pbx = new ScriptedAmiServer("switchboard", "s3cret");
        connect(pbx.port(), "wrong");
        await().atMost(WAIT).until(() -> calls.unavailable().map(d -> d.cause().equals(CallCause.AMI_LOGIN_REFUSED))
                .orElse(false));
        calls.start(1, "1001", "+6281234567890");
        assertEquals(List.of("failed " + CallCause.AMI_LOGIN_REFUSED), statesOf(1));
        assertTrue(calls.unavailable().get().detail().contains("Authentication failed"),
                calls.unavailable().get().detail());
        pbx.secret("wrong");
        await().atMost(WAIT).until(() -> calls.unavailable().isEmpty());
        calls.close();

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        connect(closedPort, "s3cret");
        await().atMost(WAIT).until(() -> calls.unavailable().map(d -> d.detail().contains("connection refused"))
                .orElse(false));
        calls.start(2, "1001", "+6281234567890");
        assertEquals(List.of("failed " + CallCause.PBX_UNREACHABLE), statesOf(2));
        assertEquals(0, pbx.originates().size());
    }

    @Test
    void theLoginIsAnMd5ChallengeThenTheVersionIsAskedAndTheSecretNeverTravels() throws Exception {
        pbx = new ScriptedAmiServer("switchboard", "s3cret");
        connect(pbx.port(), "s3cret");
        await().atMost(WAIT).until(() -> calls.unavailable().isEmpty());
        List<String> asked = pbx.actions().stream().map(a -> a.get("Action")).toList();
        assertEquals(List.of("Challenge", "Login", "CoreSettings"), asked.subList(0, 3));
        ScriptedAmiServer.Packet login = pbx.actions().get(1);
        assertEquals("MD5", login.get("AuthType"));
        assertEquals("switchboard", login.get("Username"));
        assertEquals("call,system", login.get("Events"));
        assertEquals(32, login.get("Key").length());
        assertTrue(pbx.actions().stream().noneMatch(a -> a.fields().toString().contains("s3cret")),
                "the secret itself is never sent");
        calls.close();

        // A manager user without the system or reporting permission: the version comes from the CLI command.
        ScriptedAmiServer denied = new ScriptedAmiServer("switchboard", "s3cret");
        try (denied) {
            denied.denyCoreSettings();
            connect(denied.port(), "s3cret");
            await().atMost(WAIT).until(() -> calls.unavailable().isEmpty());
            assertTrue(denied.actions().stream().anyMatch(a -> "core show version".equals(a.get("Command"))));
            calls.start(1, "1001", "+6281234567890");
            await().atMost(WAIT).until(() -> statesOf(1).contains("connected"));
        }
    }

    @Test
    void theDialplanTemplatesNameTheAgentsChannelAndTheCustomersExtension() {
        AmiClickToCall.Dialplan d = new AmiClickToCall.Dialplan("SIP/{agent}", "from-internal", "{digits}",
                Duration.ofSeconds(20));
        assertEquals("SIP/1001", d.channel("1001"));
        assertEquals("6281234567890", d.exten("+6281234567890"));
        assertEquals("+6281234567890", DIALPLAN.exten("+6281234567890"));
    }
}
