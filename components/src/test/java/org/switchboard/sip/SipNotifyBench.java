package org.switchboard.sip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalWriter;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * NOTIFYs per second through the hub's {@code sip:} consumer into the journal on PostgreSQL (127.0.0.1:5432), with
 * SIPp playing the PBX at rising rates, ~10 s each. The route answers 200 only after its journal row is committed.
 * Prints, per rate: sent, answered 200, failed, p50/p99 response time; then the highest rate with no failed
 * transaction. Asserts nothing. {@code ./bench sip [rate ...]} (default 500 1000 2000 3000 4000).
 */
public final class SipNotifyBench {

    private static final int SECONDS = 10;
    private static final boolean COMMIT_FIRST = !"false".equals(System.getProperty("sip.bench.commit"));

    private SipNotifyBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] rates = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {500, 1000, 2000, 3000, 4000};
        String sipp = Sipp.executable();
        int port = Sipp.freePort();
        AtomicLong ids = new AtomicLong();
        try (TestDatabase db = TestDatabases.create(); JournalWriter journal = new JournalWriter(db.dataSource())) {
            CamelContext camel = new DefaultCamelContext();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("sip:bench?host=127.0.0.1&port=" + port + "&transports=udp,tcp&allowedPeers=127.0.0.1&poolSize=32")
                            .routeId("voicemail-notify")
                            .process(e -> {
                                MessageSummary s = e.getMessage().getBody(MessageSummary.class);
                                journal.record(Hop.now("sip_notify", ids.incrementAndGet(),
                                        "notify." + e.getMessage().getHeader(SipConstants.OUTCOME), "voicemail-notify",
                                        e.getMessage().getHeader(SipConstants.MAILBOX) + " "
                                                + e.getMessage().getHeader(SipConstants.SOURCE_ADDRESS)
                                                + (s == null ? "" : " voice " + s.voice()),
                                        e.getMessage().getHeader(SipConstants.REASON, String.class)));
                                // Stored before the PBX hears 200: the writer's batch holding this row is committed.
                                // -Dsip.bench.commit=false answers at once, to tell the stack's cost from the database's.
                                if (COMMIT_FIRST) {
                                    journal.flush();
                                }
                            });
                }
            });
            camel.start();
            System.out.printf("sip: NOTIFY (UDP) from SIPp into the sip: consumer, each journalled on PostgreSQL %s its 200; %d s per rate%n",
                    COMMIT_FIRST ? "before" : "(committed in the background, not waited for) after", SECONDS);
            int best = 0;
            Path dir = Path.of("target", "sipp-bench");
            Files.createDirectories(dir);
            // A cold JVM (interpreted stack and JDBC) answers the first seconds slowly; that is not the rate's doing.
            Result warm = run(sipp, dir, port, 300, 300 * 5);
            System.out.printf("  warm-up, 300/s for 5 s: sent %,d, answered 200 %,d, failed %,d (not counted)%n",
                    warm.sent, warm.ok, warm.failed);
            for (int rate : rates) {
                Result r = run(sipp, dir, port, rate, rate * SECONDS);
                System.out.printf("  %,5d/s: sent %,7d, answered 200 %,7d, failed %,d, retransmissions %,d, response p50 %.1f ms, p99 %.1f ms%n",
                        rate, r.sent, r.ok, r.failed, r.retransmissions, r.p50, r.p99);
                if (r.failed == 0 && r.ok == r.sent && r.sent > 0) {
                    best = Math.max(best, rate);
                }
            }
            journal.flush();
            System.out.printf("sip: highest rate with no failed transaction: %,d NOTIFY/s (goal >= 2,000); journal rows written: %,d%n",
                    best, journal.written());
            camel.stop();
        }
        System.exit(0);
    }

    private record Result(long sent, long ok, long failed, long retransmissions, double p50, double p99) {
    }

    private static Result run(String sipp, Path dir, int port, int rate, int calls) throws Exception {
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        List<String> command = List.of(sipp, "-sf", Sipp.scenario("notify_bench.xml").toString(), "-nostdin",
                "-t", "u1", "-i", "127.0.0.1", "-p", Integer.toString(Sipp.freePort()), "-s", "1001",
                "-r", Integer.toString(rate), "-m", Integer.toString(calls), "-l", Integer.toString(rate * 4),
                "-timeout", (SECONDS * 4) + "s", "-trace_rtt", "-rtt_freq", "1000", "-trace_stat", "-fd", "1",
                "127.0.0.1:" + port);
        Path log = dir.resolve("sipp-" + rate + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(SECONDS * 6L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String screen = Files.readString(log);
        List<Double> rtts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("_rtt.csv")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] cols = line.split(";");
                    if (cols.length >= 2 && !cols[0].startsWith("Date")) {
                        rtts.add(Double.parseDouble(cols[1]));
                    }
                }
            }
        }
        rtts.sort(Double::compare);
        return new Result(last(screen, "Outgoing calls created"), last(screen, "Successful call"),
                last(screen, "Failed call"), retransmissions(screen), percentile(rtts, 0.50), percentile(rtts, 0.99));
    }

    // The cumulative (right-hand) column of a line of SIPp's final statistics screen.
    private static long last(String screen, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*\\|[^|\\n]*\\|\\s*(\\d+)").matcher(screen);
        long value = 0;
        while (m.find()) {
            value = Long.parseLong(m.group(1));
        }
        return value;
    }

    // The scenario screen's NOTIFY line: "NOTIFY ---------->  B-RTD1  sent  retrans  timeout  unexpected".
    private static long retransmissions(String screen) {
        Matcher m = Pattern.compile("NOTIFY ---------->\\s+(?:B-RTD1\\s+)?(\\d+)\\s+(\\d+)").matcher(screen);
        long value = 0;
        while (m.find()) {
            value = Long.parseLong(m.group(2));
        }
        return value;
    }

    private static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
