package org.switchboard.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.switchboard.sip.Sipp;
import org.switchboard.sip.SippLoad;

/**
 * The PBX's NOTIFYs into the whole hub, as issue 5 asks them measured: SIPp sends message-summary NOTIFYs at rising
 * rates to the hub's {@code sip:} listener, whose voicemail route stores each one with its decision on PostgreSQL
 * (127.0.0.1:5432) before the 200 and journals it. Every NOTIFY carries the same counts, so after the first none owes a
 * notification: this measures the NOTIFY path. Prints, per rate, sent, answered 200, failed, p50/p99; then the highest
 * rate with no failed transaction. Asserts nothing. {@code ./bench notify [rate ...]}.
 */
public final class VoicemailNotifyBench {
    private static final int SECONDS = 10;

    private VoicemailNotifyBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] rates = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {500, 1000, 2000, 3000, 4000};
        String sipp = Sipp.executable();
        Path dir = Files.createTempDirectory("voicemail-bench");
        Path logs = Files.createDirectories(Path.of("target", "sipp-hub-bench"));
        try (InProcessHub hub = InProcessHub.start(dir, Map.of("switchboard.simulator.modems", "1"))) {
            int port = hub.sipPort();
            System.out.printf("notify: NOTIFY (UDP) from SIPp into the hub's voicemail route, each stored with its"
                    + " decision on PostgreSQL before its 200 and journalled; %d s per rate%n", SECONDS);
            SippLoad.Result warm = SippLoad.run(sipp, logs, port, 300, 300 * 5, SECONDS);
            System.out.printf("  warm-up, 300/s for 5 s: sent %,d, answered 200 %,d, failed %,d (not counted)%n",
                    warm.sent(), warm.ok(), warm.failed());
            int best = 0;
            for (int rate : rates) {
                SippLoad.Result r = SippLoad.run(sipp, logs, port, rate, rate * SECONDS, SECONDS);
                System.out.printf("  %,5d/s: sent %,7d, answered 200 %,7d, failed %,d, retransmissions %,d,"
                        + " response p50 %.1f ms, p99 %.1f ms%n", rate, r.sent(), r.ok(), r.failed(),
                        r.retransmissions(), r.p50(), r.p99());
                if (r.clean()) {
                    best = Math.max(best, rate);
                }
            }
            Object stored = hub.query("SELECT count(*) AS n FROM voicemail_notify").get(0).get("n");
            System.out.printf("notify: highest rate with no failed transaction: %,d NOTIFY/s (goal >= 2,000);"
                    + " NOTIFYs stored: %,d%n", best, ((Number) stored).longValue());
        }
        System.exit(0);
    }
}
