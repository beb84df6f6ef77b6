package org.switchboard.sip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * SIPp as a load generator for message-summary NOTIFYs: one rate for a number of NOTIFYs, with what SIPp's final
 * statistics and round-trip trace say. Used by the component's benchmark and the hub's.
 */
public final class SippLoad {

    /** How many mailboxes the NOTIFYs go to, in turn. */
    public static final int MAILBOXES = 1000;

    private SippLoad() {
    }

    /** What SIPp saw at one rate: NOTIFYs sent, answered 200, failed, retransmitted, and response times. */
    public record Result(long sent, long ok, long failed, long retransmissions, double p50, double p99) {
        /** Every NOTIFY answered 200 and none failed. */
        public boolean clean() {
            return failed == 0 && ok == sent && sent > 0;
        }
    }

    /** Sends {@code calls} NOTIFYs (scenario notify_bench.xml, mailbox 1001) at {@code rate} per second over UDP. */
    public static Result run(String sipp, Path dir, int port, int rate, int calls, int seconds) throws Exception {
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        // A PBX with a thousand mailboxes, each notified in turn: NOTIFYs for one mailbox queue on its row.
        Path mailboxes = dir.resolve("mailboxes.csv");
        StringBuilder inf = new StringBuilder("SEQUENTIAL\n");
        for (int m = 0; m < MAILBOXES; m++) {
            inf.append(2000 + m).append(";\n");
        }
        Files.writeString(mailboxes, inf);
        List<String> command = List.of(sipp, "-sf", Sipp.scenario("notify_bench.xml").toString(), "-nostdin",
                "-inf", mailboxes.toAbsolutePath().toString(),
                "-t", "u1", "-i", "127.0.0.1", "-p", Integer.toString(Sipp.freePort()), "-s", "1001",
                "-r", Integer.toString(rate), "-m", Integer.toString(calls), "-l", Integer.toString(rate * 4),
                "-timeout", (seconds * 4) + "s", "-trace_rtt", "-rtt_freq", "1000", "-trace_stat", "-fd", "1",
                "127.0.0.1:" + port);
        Path log = dir.resolve("sipp-" + rate + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds * 6L, TimeUnit.SECONDS)) {
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
