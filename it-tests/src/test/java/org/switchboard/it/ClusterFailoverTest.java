package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * Three hub processes on one PostgreSQL and one ZooKeeper, each with its own pool of simulated modems, sending a
 * 10,000-recipient broadcast while the leader and then one more node are killed with SIGKILL: no recipient is lost,
 * only SMS flagged possible duplicate go out twice, the report is mailed once, and the singletons (mailbox polling,
 * the PBX subscription) move to a surviving node within 15 s. ZooKeeper is curator-test's in-process server; the
 * PBX is a SIP listener in the test that answers SUBSCRIBE and notes which node sent it.
 */
class ClusterFailoverTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration TAKE_OVER = Duration.ofSeconds(15);
    private static final int RECIPIENTS = 10_000;
    private static final int NODES = 3;
    private static final int MODEMS = 4;
    private static final String ADMIN_PASSWORD = "cluster-admin-secret";

    @TempDir
    Path dir;
    private TestDatabase db;
    private GreenMail greenMail;
    private TestingServer zookeeper;
    private SubscriptionPbx pbx;
    private final List<SimNetwork> sims = new ArrayList<>();
    private final List<HubProcess> hubs = new ArrayList<>();
    private final List<Map<String, String>> settings = new ArrayList<>();

    @RegisterExtension
    final TestExecutionExceptionHandler printHubLogs = (context, failure) -> {
        for (int i = 0; i < hubs.size(); i++) {
            System.out.println("----- node-" + (i + 1) + "'s output -----\n" + hubs.get(i).log());
        }
        throw failure;
    };

    @AfterEach
    void stop() throws Exception {
        for (HubProcess h : hubs) {
            h.close();
        }
        for (SimNetwork s : sims) {
            s.close();
        }
        if (pbx != null) {
            pbx.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void killingTheLeaderAndThenAnotherNodeLosesNothingAndMovesTheSingletons() throws Exception {
        HubProcess.jar();
        db = TestDatabases.create();
        greenMail = OwnMailServer.start();
        zookeeper = new TestingServer(true);
        pbx = new SubscriptionPbx();
        for (int n = 1; n <= NODES; n++) {
            SimNetwork sim = SimNetwork.start(SimOptions.ephemeral(MODEMS));
            for (SimModem m : sim.modems()) {
                // ~30 SMS/s a modem: the broadcast lasts long enough for two kills
                m.latency(30);
            }
            sims.add(sim);
            Path nodeDir = Files.createDirectories(dir.resolve("node-" + n));
            HubProcess hub = new HubProcess(nodeDir);
            Map<String, String> s = settings(nodeDir, n, sim);
            hubs.add(hub);
            settings.add(s);
            hub.start(s);
        }
        int first = port(0);
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            hubs.forEach(HubProcess::assertAlive);
            return alive(first).size() == NODES && leaders(first).size() == 1;
        });
        await().atMost(WAIT).until(() -> importContacts(first) == 200);
        MailboxClient mail = new MailboxClient(greenMail.getSmtp().getPort(), greenMail.getImap().getPort());
        MimeMessage request = mail.compose();
        request.setFrom(new InternetAddress("staff@switchboard.local"));
        request.setRecipients(Message.RecipientType.TO, "hub@switchboard.local");
        request.setSubject("Jadwal ujian");
        request.setHeader("Message-ID", "<cluster-broadcast-1@switchboard.local>");
        request.setText("to: cohort=2026\nHalo {first_name}, ujian dimulai Senin pukul 07.30.", "UTF-8");
        mail.send(request);

        // The leader holds the subscription to the PBX, and no other node does.
        int leader = nodeIndex(leaders(first).get(0));
        await().atMost(WAIT).until(() -> pbx.subscribersSince(0).contains(sipPort(leader)));
        assertEquals(Set.of(sipPort(leader)), pbx.subscribersSince(0), "one node subscribes");

        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> delivered().size() >= RECIPIENTS / 5);
        long killedAt = System.currentTimeMillis();
        assertEquals(137, hubs.get(leader).kill9());
        int survivor = (leader + 1) % NODES;
        System.out.println("ClusterFailoverTest: killed leader node-" + (leader + 1) + " after " + delivered().size()
                + " SMS");

        // Its singletons move within 15 s: another node leads, subscribes to the PBX and reads the mailbox.
        int newLeader = nodeIndex(await().atMost(TAKE_OVER).ignoreExceptions().until(() -> leaders(port(survivor)),
                l -> l.size() == 1 && nodeIndex(l.get(0)) != leader).get(0));
        await().atMost(TAKE_OVER.minusMillis(System.currentTimeMillis() - killedAt).plusSeconds(1))
                .until(() -> pbx.subscribersSince(killedAt).contains(sipPort(newLeader)));
        MimeMessage reply = mail.compose();
        reply.setFrom(new InternetAddress("staff@switchboard.local"));
        reply.setRecipients(Message.RecipientType.TO, "sms+6281277770001@sms.switchboard.local");
        reply.setSubject("Ruang ujian");
        reply.setHeader("Message-ID", "<cluster-reply-1@switchboard.local>");
        reply.setText("Ruang ujian pindah ke aula.", "UTF-8");
        mail.sendTo(reply, "hub@switchboard.local");
        await().atMost(TAKE_OVER).until(() -> count("SELECT count(*) FROM outbound_sms WHERE source_ref"
                + " = '<cluster-reply-1@switchboard.local>'") == 1);
        System.out.println("ClusterFailoverTest: node-" + (newLeader + 1) + " leads and polls the mailbox "
                + (System.currentTimeMillis() - killedAt) + " ms after the kill");

        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> delivered().size() >= RECIPIENTS / 2);
        int other = 3 - leader - newLeader;
        assertEquals(137, hubs.get(other).kill9());
        System.out.println("ClusterFailoverTest: killed node-" + (other + 1) + " after " + delivered().size()
                + " SMS; node-" + (newLeader + 1) + " goes on alone");

        MimeMessage report = await().atMost(WAIT.multipliedBy(2)).ignoreExceptions().pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    hubs.get(newLeader).assertAlive();
                    return reports(mail);
                }, r -> !r.isEmpty()).get(0);

        Map<String, Integer> copies = new HashMap<>();
        for (DeliveredSms d : delivered()) {
            copies.merge(d.to(), 1, Integer::sum);
        }
        assertEquals(RECIPIENTS + 1, copies.size(), "every recipient got the SMS, and the reply went out");
        Set<String> flagged = new HashSet<>(strings("SELECT recipient FROM outbound_sms WHERE possible_duplicate"));
        int extra = copies.values().stream().mapToInt(c -> c - 1).sum();
        System.out.println("ClusterFailoverTest: " + extra + " extra cop(ies), " + flagged.size() + " row(s) flagged");
        copies.forEach((number, n) -> assertTrue(n == 1 || flagged.contains(number),
                number + " went " + n + " times and is not flagged possible duplicate"));
        assertTrue(flagged.size() <= 2 * MODEMS, "only what two nodes' modems had in hand is flagged: " + flagged.size());
        assertEquals(0, count("SELECT count(*) FROM outbound_sms WHERE status <> 'SENT'"), "nothing left behind");
        assertEquals(1, count("SELECT count(*) FROM broadcast WHERE reported_at IS NOT NULL"));
        assertTrue(InProcessHub.subjectOf(report).toLowerCase().contains("report"));
        assertEquals(1, reports(mail).size(), "the report is mailed once");
        assertEquals(0, count("SELECT count(*) FROM (SELECT source_ref FROM outbound_sms WHERE source = 'email-reply'"
                + " GROUP BY source_ref HAVING count(*) > 1) twice"), "no email turned into SMS twice");
        assertEquals(2, count("SELECT count(*) FROM hub_node WHERE lease_until < now()"), "two nodes seen dead");
    }

    private Map<String, String> settings(Path nodeDir, int n, SimNetwork sim) throws Exception {
        Map<String, String> s = ClusterNodes.settings(nodeDir, db, greenMail, sim, "node-" + n, ADMIN_PASSWORD);
        s.put("switchboard.cluster.zookeeper", zookeeper.getConnectString());
        s.put("switchboard.cluster.lease-seconds", "6");
        s.put("switchboard.cluster.session-timeout-millis", "4000");
        s.put("switchboard.imap.poll-millis", "300");
        s.put("switchboard.broadcast.confirm-above", "100000");
        s.put("switchboard.broadcast.report-grace-millis", "3000");
        s.put("switchboard.broadcast.report-poll-millis", "300");
        s.put("switchboard.sip.subscribe", "1001@127.0.0.1:" + pbx.port());
        s.put("switchboard.sip.resubscribe-millis", "500");
        s.put("switchboard.sip.resubscribe-max-millis", "2000");
        return s;
    }

    private int port(int node) {
        return Integer.parseInt(settings.get(node).get("switchboard.http.port"));
    }

    private int sipPort(int node) {
        return Integer.parseInt(settings.get(node).get("switchboard.sip.port"));
    }

    private static int nodeIndex(String id) {
        return Integer.parseInt(id.substring("node-".length())) - 1;
    }

    private List<String> alive(int httpPort) throws Exception {
        return ClusterNodes.where(httpPort, ADMIN_PASSWORD, "alive");
    }

    private List<String> leaders(int httpPort) throws Exception {
        return ClusterNodes.where(httpPort, ADMIN_PASSWORD, "leader");
    }

    private int importContacts(int httpPort) throws Exception {
        StringBuilder csv = new StringBuilder("name,phone,cohort\n");
        for (int i = 0; i < RECIPIENTS; i++) {
            csv.append("Siswa").append(i).append(" Wijaya,0813").append(30000000 + i).append(",2026\n");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/contacts/import"))
                .header("Authorization", basic()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String basic() {
        return ClusterNodes.basic(ADMIN_PASSWORD);
    }

    private List<MimeMessage> reports(MailboxClient mail) throws Exception {
        return mail.inbox("staff@switchboard.local", "staff").stream()
                .filter(m -> InProcessHub.subjectOf(m).toLowerCase().contains("report")).toList();
    }

    private List<DeliveredSms> delivered() {
        return sims.stream().flatMap(s -> s.modems().stream()).flatMap(m -> m.delivered().stream()).toList();
    }

    private int count(String sql) {
        List<String> one = strings(sql);
        return Integer.parseInt(one.get(0));
    }

    private List<String> strings(String sql) {
        try (Connection c = DriverManager.getConnection(db.url(), "postgres", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * The PBX's side of the voicemail subscription, as far as this test needs it: answers each SUBSCRIBE 200 OK and
     * notes the port it came from (each node's SIP port is its own) and when.
     */
    private static final class SubscriptionPbx implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final List<long[]> subscribes = new CopyOnWriteArrayList<>();
        private final Thread thread = new Thread(this::serve, "test-pbx");

        SubscriptionPbx() throws SocketException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        /** The SIP ports SUBSCRIBEs came from since {@code millis}. */
        Set<Integer> subscribersSince(long millis) {
            Set<Integer> ports = new HashSet<>();
            for (long[] s : subscribes) {
                if (s[0] >= millis) {
                    ports.add((int) s[1]);
                }
            }
            return ports;
        }

        private void serve() {
            byte[] buffer = new byte[65_535];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    socket.receive(p);
                    String request = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                    if (!request.startsWith("SUBSCRIBE ")) {
                        continue;
                    }
                    subscribes.add(new long[] {System.currentTimeMillis(), p.getPort()});
                    StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
                    for (String line : request.split("\r\n")) {
                        String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase()
                                : "";
                        if (name.equals("via") || name.equals("v") || name.equals("from") || name.equals("f")
                                || name.equals("call-id") || name.equals("i") || name.equals("cseq")) {
                            ok.append(line).append("\r\n");
                        } else if (name.equals("to") || name.equals("t")) {
                            ok.append(line).append(line.contains(";tag=") ? "" : ";tag=pbx1").append("\r\n");
                        }
                    }
                    ok.append("Expires: 3600\r\nContact: <sip:1001@127.0.0.1:").append(port())
                            .append(">\r\nContent-Length: 0\r\n\r\n");
                    byte[] bytes = ok.toString().getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(bytes, bytes.length, p.getAddress(), p.getPort()));
                } catch (Exception e) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
