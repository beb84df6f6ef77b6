package org.switchboard.it;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import org.apache.curator.test.TestingServer;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * Messages per second with 1, 2 and 3 hub processes on one PostgreSQL (127.0.0.1:5432), each with its own pool of
 * simulated modems at zero network latency, on two paths: outbound SMS queued in the shared table and dispatched by
 * every node's modems, and inbound SMS stored and mailed to the help desk (GreenMail). For each path and node count it
 * prints the database's transactions per message (pg_stat_database) and, when the pg_stat_statements extension is
 * loaded, its statements per message, so that {@code docs/} can say how many messages one PostgreSQL carries. Two or
 * more nodes join an in-process ZooKeeper. Each figure is the median of the rounds, with their range. Prints; asserts
 * nothing. {@code ./bench cluster [outbound] [inbound] [rounds]}.
 */
public final class ClusterBench {
    private static final int MODEMS_PER_NODE = 4;
    private static final String ADMIN_PASSWORD = "bench-admin";

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        int outbound = args.length > 0 ? Integer.parseInt(args[0]) : 6_000;
        int inbound = args.length > 1 ? Integer.parseInt(args[1]) : 1_500;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        HubProcess.jar();
        System.out.printf(Locale.ROOT, "cluster: %d outbound and %d inbound SMS a round, %d rounds, %d simulated"
                + " modems a node at zero latency; every node on this one machine%n", outbound, inbound, rounds,
                MODEMS_PER_NODE);
        for (int nodes = 1; nodes <= 3; nodes++) {
            run(nodes, outbound, inbound, rounds);
        }
    }

    private static void run(int nodeCount, int outbound, int inbound, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("cluster-bench");
        List<HubProcess> hubs = new ArrayList<>();
        List<SimNetwork> sims = new ArrayList<>();
        try (TestDatabase db = TestDatabases.create(); TestingServer zookeeper = new TestingServer(true)) {
            GreenMail mail = OwnMailServer.start();
            try {
                int firstPort = 0;
                for (int n = 1; n <= nodeCount; n++) {
                    SimNetwork sim = SimNetwork.start(SimOptions.ephemeral(MODEMS_PER_NODE));
                    sims.add(sim);
                    Path nodeDir = Files.createDirectories(dir.resolve("node-" + n));
                    Map<String, String> s = ClusterNodes.settings(nodeDir, db, mail, sim, "node-" + n,
                            ADMIN_PASSWORD);
                    if (nodeCount > 1) {
                        s.put("switchboard.cluster.zookeeper", zookeeper.getConnectString());
                    }
                    HubProcess hub = new HubProcess(nodeDir);
                    hubs.add(hub);
                    hub.start(s);
                    if (n == 1) {
                        firstPort = Integer.parseInt(s.get("switchboard.http.port"));
                    }
                }
                int port = firstPort;
                await().atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() -> {
                    hubs.forEach(HubProcess::assertAlive);
                    return aliveNodes(port) == nodeCount && sims.stream().flatMap(x -> x.modems().stream())
                            .allMatch(SimModem::hostConnected);
                });
                boolean statements = statementsAvailable(db);
                idle = new double[5];
                // one small round first: the JIT of every node warms up on both paths
                outboundRound(db, sims, 500, 0);
                inboundRound(db, sims, 200, 0);
                idle = idle(db);
                System.out.printf(Locale.ROOT, "%d node(s), idle: %.1f transactions/s%s; the figures below are net of it%n",
                        nodeCount, idle[0], idle[1] < 0 ? "" : String.format(Locale.ROOT,
                                ", %.1f statements/s, %.1f round trips/s", idle[1], idle[2] - idle[3] + idle[4]));
                List<double[]> out = new ArrayList<>();
                List<double[]> in = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    out.add(outboundRound(db, sims, outbound, r));
                    in.add(inboundRound(db, sims, inbound, r));
                }
                print(nodeCount, "outbound (queued -> SENT through the modems)", out, statements);
                print(nodeCount, "inbound (SIM -> stored -> mailed to the help desk)", in, statements);
                if (statements) {
                    topStatements(db);
                }
            } finally {
                for (HubProcess h : hubs) {
                    h.close();
                }
                for (SimNetwork s : sims) {
                    s.close();
                }
                mail.stop();
            }
        }
    }

    /** {messages/s, transactions/message, statements/message, round trips/message, journal rows/message}. */
    private static double[] outboundRound(TestDatabase db, List<SimNetwork> sims, int rows, int round)
            throws Exception {
        long sentBefore = count(db, "SELECT count(*) FROM outbound_sms WHERE status = 'SENT'");
        long[] before = stats(db);
        long start = System.nanoTime();
        exec(db, "INSERT INTO outbound_sms (recipient, text, source, requested_by, lane) SELECT '+62813'"
                + " || lpad((" + round + " * 1000000 + g)::text, 8, '0'), 'Ujian dimulai Senin pukul 07.30.', 'api',"
                + " 'bench', 1 FROM generate_series(1, " + rows + ") g");
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> count(db,
                "SELECT count(*) FROM outbound_sms WHERE status = 'SENT'") - sentBefore >= rows);
        double seconds = (System.nanoTime() - start) / 1e9;
        return perMessage(db, rows, seconds, before);
    }

    private static double[] inboundRound(TestDatabase db, List<SimNetwork> sims, int count, int round)
            throws Exception {
        long mailedBefore = count(db, "SELECT count(*) FROM inbound_sms WHERE email_status = 'SENT'");
        long[] before = stats(db);
        List<SimModem> modems = sims.stream().flatMap(s -> s.modems().stream()).toList();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            modems.get(i % modems.size()).inbound(String.format(Locale.ROOT, "+62812%07d", round * 100_000 + i),
                    "Pak, jadwal ujian hari apa? (" + round + "/" + i + ")");
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> count(db,
                "SELECT count(*) FROM inbound_sms WHERE email_status = 'SENT'") - mailedBefore >= count);
        double seconds = (System.nanoTime() - start) / 1e9;
        return perMessage(db, count, seconds, before);
    }

    /**
     * What the nodes cost the database a second while nothing comes or goes (their heartbeats, the outboxes' and idle
     * lines' polls): {transactions, statements, -, explicit transactions, journal rows} per second, subtracted from
     * each round so that a slow round does not look dearer per message.
     */
    private static double[] idle(TestDatabase db) throws Exception {
        long[] before = stats(db);
        long start = System.nanoTime();
        // a measurement window over which nothing is asked of the nodes, not a wait for a condition
        Thread.sleep(10_000);
        long[] after = stats(db);
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] perSecond = new double[5];
        perSecond[0] = (after[0] - before[0]) / seconds;
        perSecond[1] = after[1] < 0 ? -1 : (after[1] - before[1]) / seconds;
        perSecond[2] = perSecond[1];
        perSecond[3] = after[1] < 0 ? -1 : (after[3] - before[3]) / seconds;
        perSecond[4] = after[1] < 0 ? -1 : (after[2] - before[2]) / seconds;
        return perSecond;
    }

    /** The current node count's idle cost a second (see {@link #idle}), zero until measured. */
    private static double[] idle = new double[5];

    private static double[] perMessage(TestDatabase db, int messages, double seconds, long[] raw) throws Exception {
        long[] after = stats(db);
        long[] before = raw.clone();
        // net of what the idle nodes would have cost over the same time
        before[0] += Math.round(idle[0] * seconds);
        if (idle[1] >= 0 && before[1] >= 0) {
            before[1] += Math.round(idle[1] * seconds);
            before[2] += Math.round(idle[4] * seconds);
            before[3] += Math.round(idle[3] * seconds);
        }
        double xacts = (after[0] - before[0]) / (double) messages;
        double statements = after[1] < 0 ? -1 : (after[1] - before[1]) / (double) messages;
        // Round trips: each statement but the journal's batched rows, plus each explicit transaction's COMMIT; the
        // journal's batches are a few a second whatever the load, and left out.
        double roundTrips = after[1] < 0 ? -1 : ((after[1] - before[1]) - (after[3] - before[3])
                + (after[2] - before[2])) / (double) messages;
        double journalRows = after[1] < 0 ? -1 : (after[3] - before[3]) / (double) messages;
        return new double[] {messages / seconds, xacts, statements, roundTrips, journalRows};
    }

    /**
     * {transactions committed, statements run, explicit transactions (their BEGINs) and journal rows inserted (the
     * last three -1 without pg_stat_statements)} in the bench's database; BEGIN and COMMIT are not statements here.
     */
    private static long[] stats(TestDatabase db) throws Exception {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            // the statistics collector's view lags by up to its flush interval: ask for a fresh snapshot
            s.execute("SELECT pg_stat_clear_snapshot()");
            long xacts;
            try (ResultSet rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database"
                    + " WHERE datname = current_database()")) {
                rs.next();
                xacts = rs.getLong(1);
            }
            long statements = -1;
            long commits = -1;
            long journal = -1;
            if (statementsAvailable(db)) {
                // BEGIN is sent with a transaction's first statement, its COMMIT is a round trip of its own; the
                // journal's rows are INSERTs in JDBC batches, which pgjdbc pipelines: counted apart
                try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(calls) FILTER (WHERE query !~* '^\\s*(BEGIN|COMMIT"
                        + "|ROLLBACK|SET|SHOW|SELECT pg_stat_clear_snapshot)'), 0), coalesce(sum(calls) FILTER"
                        + " (WHERE query ~* '^\\s*BEGIN'), 0), coalesce(sum(calls) FILTER"
                        + " (WHERE query ~* '^\\s*INSERT INTO journal'), 0) FROM pg_stat_statements"
                        + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
                    rs.next();
                    statements = rs.getLong(1);
                    commits = rs.getLong(2);
                    journal = rs.getLong(3);
                }
            }
            return new long[] {xacts, statements, commits, journal};
        }
    }

    private static boolean statementsAvailable(TestDatabase db) {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1").close();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void topStatements(TestDatabase db) throws Exception {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements"
                        + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                        + " ORDER BY calls DESC LIMIT 8")) {
            System.out.println("    the most frequent statements (calls, query):");
            while (rs.next()) {
                System.out.printf(Locale.ROOT, "    %8d  %s%n", rs.getLong(1), rs.getString(2));
            }
        }
    }

    private static void print(int nodes, String path, List<double[]> rounds, boolean statements) {
        double[] rates = rounds.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] xacts = rounds.stream().mapToDouble(r -> r[1]).sorted().toArray();
        double[] stmts = rounds.stream().mapToDouble(r -> r[2]).sorted().toArray();
        double[] trips = rounds.stream().mapToDouble(r -> r[3]).sorted().toArray();
        double[] journal = rounds.stream().mapToDouble(r -> r[4]).sorted().toArray();
        System.out.printf(Locale.ROOT, "%d node(s), %-50s %7.0f msg/s (%.0f-%.0f), %.2f transactions/msg%s%n", nodes,
                path, median(rates), rates[0], rates[rates.length - 1], median(xacts),
                statements ? String.format(Locale.ROOT, ", %.2f statements/msg (%.2f of them journal rows, batched),"
                        + " %.2f round trips/msg", median(stmts), median(journal), median(trips))
                        : " (statements: load pg_stat_statements)");
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int aliveNodes(int httpPort) throws Exception {
        return ClusterNodes.where(httpPort, ADMIN_PASSWORD, "alive").size();
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(TestDatabase db, String sql) throws Exception {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connect(TestDatabase db) throws Exception {
        return DriverManager.getConnection(db.url(), "postgres", "");
    }
}
