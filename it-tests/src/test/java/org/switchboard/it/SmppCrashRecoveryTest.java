package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.channel.smpp.SmscSimulator;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;
import org.switchboard.smpp.NewSmppAccount;
import org.switchboard.smpp.SmppAccountStore;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * The hub killed with SIGKILL in the middle of a flood of 10,000 submit_sm from an application, relayed to an
 * operator's SMSC (the simulator) over the hub's smpp channel: after the restart every submit that got a
 * submit_sm_resp reaches the SMSC (none lost), and a number that gets its SMS twice is one whose SMS was in flight
 * to the SMSC when the hub died, marked a possible duplicate. The hub runs as its own process from the packaged jar;
 * the database, the SMSC, the modems and the application are the test's, so they outlive the kill.
 */
class SmppCrashRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int FLOOD = 10_000;
    private static final int KILL_AFTER = 2_000;
    private static final int BINDS = 2;
    private static final int WINDOW = 20;

    @TempDir
    Path dir;
    private TestDatabase db;
    private GreenMail greenMail;
    private SimNetwork sim;
    private SmscSimulator smsc;
    private HubProcess hub;

    @RegisterExtension
    final TestExecutionExceptionHandler printHubLog = (context, failure) -> {
        if (hub != null) {
            System.out.println("----- the hub's output (" + context.getDisplayName() + ") -----\n" + hub.log());
        }
        throw failure;
    };

    @BeforeEach
    void start() throws Exception {
        HubProcess.jar();
        db = TestDatabases.create();
        greenMail = OwnMailServer.start();
        sim = SimNetwork.start(SimOptions.ephemeral(1));
        smsc = SmscSimulator.start("hub", "secret");
        hub = new HubProcess(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everySubmitAnsweredBeforeTheKillReachesTheNetworkAfterTheRestart() throws Exception {
        new SmppAccountStore(db.dataSource()).add(NewSmppAccount.of("flood", "flood"), "test");
        Map<String, String> settings = HubProcess.settingsAgainst(dir, db, greenMail, greenMail.getSmtp().getPort(),
                sim, "");
        int smppPort = Integer.parseInt(settings.get("switchboard.smpp.server.port"));
        settings.put("switchboard.channel.operator.kind", "smpp");
        settings.put("switchboard.channel.operator.host", "127.0.0.1");
        settings.put("switchboard.channel.operator.port", String.valueOf(smsc.port()));
        settings.put("switchboard.channel.operator.system-id", "hub");
        settings.put("switchboard.channel.operator.password", "secret");
        settings.put("switchboard.channel.operator.window", "20");
        settings.put("switchboard.channel.operator.allowed-prefix", "+628130");
        settings.put("switchboard.channel.modems.denied-prefix", "+628130");
        hub.start(settings);
        await().atMost(WAIT).until(() -> hub.alive() && ListenPorts.listening(smppPort) && smsc.bound());

        Map<String, Long> answered = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        List<SMPPSession> sessions = new ArrayList<>();
        for (int b = 0; b < BINDS; b++) {
            SMPPSession s = new SMPPSession();
            s.connectAndBind("127.0.0.1", smppPort, new BindParameter(BindType.BIND_TX, "flood", "flood", "",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
            sessions.add(s);
            for (int w = 0; w < WINDOW; w++) {
                Thread t = new Thread(() -> flood(s, next, answered));
                t.setDaemon(true);
                t.start();
                senders.add(t);
            }
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> answered.size() >= KILL_AFTER);
        assertEquals(137, hub.kill9(), "ended by SIGKILL (128 + 9), not by a shutdown");
        for (Thread t : senders) {
            t.join(30_000);
        }
        sessions.forEach(SMPPSession::close);
        int taken = Math.min(next.get(), FLOOD);
        assertTrue(answered.size() < taken || taken < FLOOD, "killed during the flood: " + answered.size()
                + " answered of " + taken + " sent");

        hub.start(settings);
        // Each answered submit is committed: its row is there, and after the restart its SMS is sent.
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM smpp_submit s JOIN outbound_sms o"
                + " ON o.id = s.sms_id WHERE s.id = ANY (?) AND o.status = 'SENT'", ids(answered)) == answered.size());
        Map<String, Integer> received = new HashMap<>();
        for (SmscSimulator.Submit s : smsc.submits()) {
            received.merge("+" + s.destination(), 1, Integer::sum);
        }
        Set<String> lost = new HashSet<>(answered.keySet());
        lost.removeAll(received.keySet());
        assertEquals(Set.of(), lost, "answered, never reached the SMSC");
        Set<String> twice = new HashSet<>();
        received.forEach((to, n) -> {
            if (n > 1) {
                twice.add(to);
            }
        });
        for (String to : twice) {
            assertEquals(1, count("SELECT count(*) FROM outbound_sms WHERE recipient = ? AND possible_duplicate",
                    to), to + " got its SMS twice, not flagged a possible duplicate");
        }
        // every SMS the crash left in a line's hand says so in its trail, before its next transmission
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbound_sms o WHERE o.possible_duplicate"
                + " AND NOT EXISTS (SELECT 1 FROM journal j WHERE j.message_kind = 'outbound_sms'"
                + " AND j.message_id = o.id AND j.hop = 'interrupted')", null) == 0);
        System.out.printf("flood: %d answered before the kill, %d taken from the application, %d sent twice"
                + " (flagged)%n", answered.size(), taken, twice.size());
    }

    private static void flood(SMPPSession s, AtomicInteger next, Map<String, Long> answered) {
        int i;
        while ((i = next.getAndIncrement()) < FLOOD) {
            String to = String.format("+628130%07d", i);
            try {
                String id = s.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "FLOOD",
                        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to.substring(1), new ESMClass(),
                        (byte) 0, (byte) 1, null, null, new RegisteredDelivery(0), (byte) 0, new GeneralDataCoding(),
                        (byte) 0, ("flood " + i).getBytes(StandardCharsets.US_ASCII)).getMessageId();
                answered.put(to, Long.parseLong(id));
            } catch (Exception e) {
                return; // the hub is gone: this sender stops, as an application would until it binds again
            }
        }
    }

    private static Long[] ids(Map<String, Long> answered) {
        return answered.values().toArray(new Long[0]);
    }

    private int count(String sql, Object arg) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg instanceof Long[] a) {
                ps.setArray(1, c.createArrayOf("bigint", a));
            } else if (arg != null) {
                ps.setObject(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

}
