package org.switchboard.sip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
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
                                journal.record(Hop.now(JournalKind.VOICEMAIL_NOTIFY, ids.incrementAndGet(),
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
            SippLoad.Result warm = SippLoad.run(sipp, dir, port, 300, 300 * 5, SECONDS);
            System.out.printf("  warm-up, 300/s for 5 s: sent %,d, answered 200 %,d, failed %,d (not counted)%n",
                    warm.sent(), warm.ok(), warm.failed());
            for (int rate : rates) {
                SippLoad.Result r = SippLoad.run(sipp, dir, port, rate, rate * SECONDS, SECONDS);
                System.out.printf("  %,5d/s: sent %,7d, answered 200 %,7d, failed %,d, retransmissions %,d, response p50 %.1f ms, p99 %.1f ms%n",
                        rate, r.sent(), r.ok(), r.failed(), r.retransmissions(), r.p50(), r.p99());
                if (r.clean()) {
                    best = Math.max(best, rate);
                }
            }
            journal.flush();
            long rows;
            try (var c = db.dataSource().getConnection(); var s = c.createStatement();
                    var rs = s.executeQuery("SELECT count(*) FROM journal")) {
                rs.next();
                rows = rs.getLong(1);
            }
            System.out.printf("sip: highest rate with no failed transaction: %,d NOTIFY/s (goal >= 2,000); journal rows written: %,d%n",
                    best, rows);
            camel.stop();
        }
        System.exit(0);
    }

}
