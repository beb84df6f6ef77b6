package org.switchboard.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kannel-compatible sendsms under load, as issue 6 asks it measured: wrk (Debian's) fires sendsms GETs, each to another
 * number, at a few concurrency levels for a fixed time, first at the whole hub on PostgreSQL (127.0.0.1:5432), its
 * simulated modems sending meanwhile, then, when Debian's kannel and kannel-extras are installed, at Kannel's own smsbox
 * (bearerbox with a file store and fakesmsc as its SMSC) the same way. After a warm-up that lasts until the rate is
 * steady ({@link #WARM_UP_SECONDS}), each level runs {@link #ROUNDS} times, the levels in turn; every round prints
 * requests answered 202 per second, for the hub also rows actually stored per second, the CPU per request of the hub's
 * JVM and of PostgreSQL (Kannel's: bearerbox and smsbox), and p50/p99 latency; then each level's median and range.
 * Also the machine's load before and after, since other work on the machine changes the figures. Asserts nothing. {@code ./bench sendsms [seconds] [connections ...]}.
 */
public final class KannelSendsmsBench {
    private static final Path BEARERBOX = Path.of("/usr/sbin/bearerbox");
    private static final Path SMSBOX = Path.of("/usr/sbin/smsbox");
    private static final long MODEM_LATENCY_MILLIS = 6000;
    private static final Path FAKESMSC = Path.of("/usr/lib/kannel/test/fakesmsc");
    /**
     * Rounds per level, the levels taken in turn: one 10 s run of the same code varies by a fifth on a busy 2-core
     * machine, so a figure is the median of the rounds, printed with its range. {@code -Dsendsms.rounds=N}.
     */
    private static final int ROUNDS = Integer.getInteger("sendsms.rounds", 3);
    /**
     * Where the SMS go: {@code modems} (the hub's simulated modems at a GSM modem's pace, Kannel's fakesmsc), or
     * {@code smpp} (both to the same SMSC simulator over SMPP: the hub's smpp channel, Kannel's smsc = smpp), when the
     * SMS reaching the SMSC per second are counted too. {@code -Dsendsms.upstream=smpp}, {@code ./bench sendsms-smpp}.
     */
    private static final String UPSTREAM = System.getProperty("sendsms.upstream", "modems");
    /** submit_sm outstanding toward the SMSC, for the hub (2 binds x 50) and Kannel (max-pending-submits) alike. */
    private static final int SMPP_WINDOW = 100;
    /**
     * The longest warm-up ({@code -Dsendsms.warmup=S}): JIT, connection pools and the tables' first pages warm before
     * anything counts. It runs in 10 s steps at 16 connections until two steps agree within a tenth. On 2 cores the
     * hub's JIT needs about a minute under this load (its compiler threads share the cores with the requests): after
     * the 10 s warm-up this benchmark used to have, the same hub measured a quarter of its warm rate, at five times the
     * CPU per request, which is most of why runs on like machines differed several-fold.
     */
    private static final int WARM_UP_SECONDS = Integer.getInteger("sendsms.warmup", 120);
    private static final int WARM_UP_STEP_SECONDS = 10;

    /** The figures of every round, per concurrency level. */
    private static final class Figures {
        private final Map<Integer, List<Double>> byLevel = new TreeMap<>();

        void add(int level, double value) {
            byLevel.computeIfAbsent(level, l -> new ArrayList<>()).add(value);
        }

        double median(int level) {
            List<Double> v = byLevel.get(level).stream().sorted().toList();
            int n = v.size();
            return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        }

        String spread(int level, String format) {
            List<Double> v = byLevel.get(level);
            return String.format(Locale.ROOT, format + "–" + format, v.stream().mapToDouble(d -> d).min().orElse(0),
                    v.stream().mapToDouble(d -> d).max().orElse(0));
        }
    }

    private KannelSendsmsBench() {
    }

    /** What wrk said of one run. */
    record WrkResult(long requests, long non2xx, long socketErrors, double seconds, double p50, double p99) {
        double acceptedPerSecond() {
            return (requests - non2xx) / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] connections = args.length > 1 ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray()
                : new int[] {16, 64, 128};
        String wrk = executable("wrk");
        if (wrk == null) {
            System.out.println("sendsms: wrk not found (Debian package wrk); nothing measured");
            System.exit(1);
        }
        Path dir = Files.createTempDirectory("sendsms-bench");
        boolean smpp = UPSTREAM.equals("smpp");
        org.switchboard.channel.smpp.SmscSimulator smsc = smpp
                ? org.switchboard.channel.smpp.SmscSimulator.start("bench", "bench") : null;
        System.out.printf("sendsms: wrk, 2 threads, %d s per level, GET /cgi-bin/sendsms to a new number each time; %s;"
                + " load average before: %s%n", seconds, smpp ? "to an SMSC simulator over SMPP, " + SMPP_WINDOW
                + " submit_sm outstanding (the hub: 2 binds x 50; Kannel: max-pending-submits)"
                : "the hub's 4 simulated modems take " + MODEM_LATENCY_MILLIS + " ms per SMS", loadAverage());
        Map<String, String> hubSettings = new java.util.HashMap<>(Map.of("switchboard.simulator.modems", "4",
                "switchboard.imap.poll-millis", "1000", "switchboard.outbox.poll-millis", "250",
                "switchboard.http.rate-per-second", "0"));
        if (smpp) {
            hubSettings.putAll(Map.of("switchboard.channel.operator.kind", "smpp",
                    "switchboard.channel.operator.host", "127.0.0.1",
                    "switchboard.channel.operator.port", String.valueOf(smsc.port()),
                    "switchboard.channel.operator.system-id", "bench",
                    "switchboard.channel.operator.password", "bench",
                    "switchboard.channel.operator.binds", "2",
                    "switchboard.channel.operator.window", String.valueOf(SMPP_WINDOW / 2),
                    "switchboard.channel.operator.allowed-prefix", "+62812",
                    "switchboard.channel.modems.denied-prefix", "+62812"));
        }
        LongSupplier reached = smpp ? () -> smsc.submits().size() : () -> 0;
        // The production defaults' polling (the test settings poll every 100-200 ms), so the hub's background work is
        // what it would be in production.
        // The per-user rate limit (100/s by default) is off: this measures how many requests the hub can take.
        try (InProcessHub hub = InProcessHub.start(dir, hubSettings)) {
            DispatchTest.awaitModemsUp(hub.hub());
            // A GSM modem sends an SMS part in seconds (switchboard.broadcast.seconds-per-part, 6 by default), not in
            // the simulator's microseconds: at that pace the dispatchers work as they would in production, instead of
            // four in-process simulated modems sending thousands a second on the CPU the requests need.
            hub.hub().simulator().modems().forEach(m -> m.latency(MODEM_LATENCY_MILLIS));
            String password = Files.readString(dir.resolve("data/admin-password")).trim();
            Path script = luaScript(dir, "admin", password);
            String url = "http://127.0.0.1:" + hub.httpPort();
            LongSupplier stored = () -> {
                try {
                    return ((Number) hub.query("SELECT count(*) AS n FROM outbound_sms WHERE source = 'kannel-sendsms'")
                            .get(0).get("n")).longValue();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Map<String, Object> pg = hub.query("SELECT current_setting('server_version') AS version,"
                    + " current_setting('autovacuum') AS autovacuum, current_setting('fsync') AS fsync,"
                    + " current_setting('synchronous_commit') AS sync").get(0);
            System.out.printf("  PostgreSQL %s: autovacuum %s, fsync %s, synchronous_commit %s%s%n", pg.get("version"),
                    pg.get("autovacuum"), pg.get("fsync"), pg.get("sync"), "off".equals(pg.get("autovacuum"))
                    ? "; with autovacuum off (as on CI images) every update leaves a dead row in outbound_sms that no"
                    + " one clears, each statement on it slows as a run goes on, and the hub's figures (the SMPP path"
                    + " most) come out far below a server with it on, as production servers run" : "");
            warmUp("hub", wrk, script, url, smpp ? reached : null);
            Figures answered = new Figures();
            Figures cpuPerRequest = new Figures();
            Figures pgPerRequest = new Figures();
            Figures toSmsc = new Figures();
            for (int round = 1; round <= ROUNDS; round++) {
                for (int c : connections) {
                    long before = stored.getAsLong();
                    long reachedBefore = reached.getAsLong();
                    long cpuBefore = processCpuNanos();
                    long pgBefore = cpuNanosOf(POSTGRES);
                    WrkResult r = wrk(wrk, script, url, c, seconds);
                    long cpu = processCpuNanos() - cpuBefore;
                    double pgMicros = (cpuNanosOf(POSTGRES) - pgBefore) / 1000.0 / Math.max(1, r.requests());
                    long rows = stored.getAsLong() - before;
                    double sent = (reached.getAsLong() - reachedBefore) / r.seconds();
                    double micros = cpu / 1000.0 / Math.max(1, r.requests());
                    answered.add(c, r.acceptedPerSecond());
                    cpuPerRequest.add(c, micros);
                    pgPerRequest.add(c, pgMicros);
                    toSmsc.add(c, sent);
                    System.out.printf("  hub    %4d connections, round %d: %,7.0f answered 202/s, %,7.0f stored/s (%,d rows),"
                            + "%s non-202 %,d, socket errors %,d, p50 %.1f ms, p99 %.1f ms; CPU per request: hub JVM"
                            + " %.0f us, PostgreSQL %.0f us%n", c, round, r.acceptedPerSecond(), rows / r.seconds(), rows,
                            smpp ? String.format(Locale.ROOT, " %,7.0f reached the SMSC/s,", sent) : "", r.non2xx(),
                            r.socketErrors(), r.p50(), r.p99(), micros, pgMicros);
                    if (smpp) {
                        drain(reached);
                    }
                }
            }
            for (int c : connections) {
                System.out.printf("  hub    %4d connections: median %,7.0f answered 202/s (%s over %d rounds)%s; CPU per"
                        + " request, median: hub JVM %.0f us (%s), PostgreSQL %.0f us (%s)%n", c, answered.median(c),
                        answered.spread(c, "%,.0f"), ROUNDS,
                        smpp ? String.format(Locale.ROOT, ", %,.0f reached the SMSC/s (%s)", toSmsc.median(c),
                                toSmsc.spread(c, "%,.0f")) : "", cpuPerRequest.median(c),
                        cpuPerRequest.spread(c, "%.0f"), pgPerRequest.median(c), pgPerRequest.spread(c, "%.0f"));
            }
        }
        if (smpp) {
            if (Files.isExecutable(BEARERBOX) && Files.isExecutable(SMSBOX)) {
                kannelSmpp(wrk, dir.resolve("kannel"), seconds, connections, smsc);
            } else {
                System.out.println("  kannel: not measured: needs Debian's kannel (bearerbox, smsbox)");
            }
            smsc.close();
            System.out.printf("sendsms: load average after: %s%n", loadAverage());
            System.exit(0);
        }
        if (Files.isExecutable(BEARERBOX) && Files.isExecutable(SMSBOX) && Files.isExecutable(FAKESMSC)) {
            kannel(wrk, dir.resolve("kannel"), seconds, connections);
        } else {
            System.out.println("  kannel: not measured: needs Debian's kannel (bearerbox, smsbox) and kannel-extras"
                    + " (fakesmsc)");
        }
        System.out.printf("sendsms: load average after: %s%n", loadAverage());
        System.exit(0);
    }

    /** Kannel 1.4.5's bearerbox and smsbox, messages kept in a store file (so a 202 means stored), fakesmsc as SMSC. */
    private static void kannel(String wrk, Path dir, int seconds, int[] connections) throws Exception {
        Files.createDirectories(dir);
        int admin = freePort();
        int boxes = freePort();
        int smsc = freePort();
        int sendsms = freePort();
        Path conf = dir.resolve("kannel.conf");
        Files.writeString(conf, String.join("\n",
                "group = core", "admin-port = " + admin, "admin-password = bench", "smsbox-port = " + boxes,
                "log-level = 4", "log-file = \"" + dir.resolve("bearerbox.log") + "\"",
                "store-type = file", "store-location = \"" + dir.resolve("store") + "\"", "dlr-storage = internal", "",
                "group = smsc", "smsc = fake", "smsc-id = fake", "host = 127.0.0.1", "port = " + smsc, "",
                "group = smsbox", "bearerbox-host = 127.0.0.1", "bearerbox-port = " + boxes, "sendsms-port = " + sendsms,
                "log-level = 4", "log-file = \"" + dir.resolve("smsbox.log") + "\"", "global-sender = 12345", "",
                "group = sendsms-user", "username = bench", "password = bench", "max-messages = 10", ""));
        List<Process> processes = new ArrayList<>();
        try {
            processes.add(start(dir, "bearerbox", BEARERBOX.toString(), "-v", "4", conf.toString()));
            awaitPort(smsc);
            processes.add(start(dir, "fakesmsc", FAKESMSC.toString(), "-H", "127.0.0.1", "-r", String.valueOf(smsc),
                    "-m", "0", "1 2 text x"));
            processes.add(start(dir, "smsbox", SMSBOX.toString(), "-v", "4", conf.toString()));
            awaitPort(sendsms);
            Path script = luaScript(dir, "bench", "bench");
            String url = "http://127.0.0.1:" + sendsms;
            warmUp("kannel", wrk, script, url, null);
            Figures answered = new Figures();
            Figures cpuPerRequest = new Figures();
            for (int round = 1; round <= ROUNDS; round++) {
                for (int c : connections) {
                    long cpuBefore = cpuNanosOf(KANNEL);
                    WrkResult r = wrk(wrk, script, url, c, seconds);
                    double micros = (cpuNanosOf(KANNEL) - cpuBefore) / 1000.0 / Math.max(1, r.requests());
                    answered.add(c, r.acceptedPerSecond());
                    cpuPerRequest.add(c, micros);
                    System.out.printf("  kannel %4d connections, round %d: %,7.0f answered 202/s, non-202 %,d, socket"
                            + " errors %,d, p50 %.1f ms, p99 %.1f ms; CPU per request: bearerbox and smsbox %.0f us%n",
                            c, round, r.acceptedPerSecond(), r.non2xx(), r.socketErrors(), r.p50(), r.p99(), micros);
                }
            }
            for (int c : connections) {
                System.out.printf("  kannel %4d connections: median %,7.0f answered 202/s (%s over %d rounds); CPU per"
                        + " request, median: bearerbox and smsbox %.0f us (%s)%n", c, answered.median(c),
                        answered.spread(c, "%,.0f"), ROUNDS, cpuPerRequest.median(c), cpuPerRequest.spread(c, "%.0f"));
            }
        } finally {
            // smsbox first, then fakesmsc and bearerbox, each by its own process handle.
            for (int i = processes.size() - 1; i >= 0; i--) {
                Process p = processes.get(i);
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /**
     * Kannel's bearerbox bound to the SMSC simulator as a transceiver ({@code smsc = smpp}), messages kept in a store
     * file: its sendsms answered per second, and what reached the SMSC per second meanwhile.
     */
    private static void kannelSmpp(String wrk, Path dir, int seconds, int[] connections,
            org.switchboard.channel.smpp.SmscSimulator smsc) throws Exception {
        Files.createDirectories(dir);
        int admin = freePort();
        int boxes = freePort();
        int sendsms = freePort();
        Path conf = dir.resolve("kannel.conf");
        Files.writeString(conf, String.join("\n",
                "group = core", "admin-port = " + admin, "admin-password = bench", "smsbox-port = " + boxes,
                "log-level = 4", "log-file = \"" + dir.resolve("bearerbox.log") + "\"",
                "store-type = file", "store-location = \"" + dir.resolve("store") + "\"", "dlr-storage = internal", "",
                "group = smsc", "smsc = smpp", "smsc-id = smpp", "host = 127.0.0.1", "port = " + smsc.port(),
                "transceiver-mode = true", "smsc-username = bench", "smsc-password = bench", "system-type = \"\"",
                "max-pending-submits = " + SMPP_WINDOW, "enquire-link-interval = 30", "", "group = smsbox",
                "bearerbox-host = 127.0.0.1", "bearerbox-port = " + boxes, "sendsms-port = " + sendsms,
                "log-level = 4", "log-file = \"" + dir.resolve("smsbox.log") + "\"", "global-sender = 12345", "",
                "group = sendsms-user", "username = bench", "password = bench", "max-messages = 10", ""));
        List<Process> processes = new ArrayList<>();
        try {
            int bindsBefore = smsc.bindsAccepted();
            processes.add(start(dir, "bearerbox", BEARERBOX.toString(), "-v", "4", conf.toString()));
            await().atMost(Duration.ofSeconds(30)).until(() -> smsc.bindsAccepted() > bindsBefore);
            processes.add(start(dir, "smsbox", SMSBOX.toString(), "-v", "4", conf.toString()));
            awaitPort(sendsms);
            Path script = luaScript(dir, "bench", "bench");
            String url = "http://127.0.0.1:" + sendsms;
            LongSupplier reached = () -> smsc.submits().size();
            warmUp("kannel", wrk, script, url, reached);
            Figures answered = new Figures();
            Figures toSmsc = new Figures();
            Figures cpuPerRequest = new Figures();
            for (int round = 1; round <= ROUNDS; round++) {
                for (int c : connections) {
                    long reachedBefore = reached.getAsLong();
                    long cpuBefore = cpuNanosOf(KANNEL);
                    WrkResult r = wrk(wrk, script, url, c, seconds);
                    double sent = (reached.getAsLong() - reachedBefore) / r.seconds();
                    double micros = (cpuNanosOf(KANNEL) - cpuBefore) / 1000.0 / Math.max(1, r.requests());
                    answered.add(c, r.acceptedPerSecond());
                    toSmsc.add(c, sent);
                    cpuPerRequest.add(c, micros);
                    System.out.printf("  kannel %4d connections, round %d: %,7.0f answered 202/s, %,7.0f reached the"
                            + " SMSC/s, non-202 %,d, socket errors %,d, p50 %.1f ms, p99 %.1f ms; CPU per request:"
                            + " bearerbox and smsbox %.0f us%n", c, round, r.acceptedPerSecond(), sent, r.non2xx(),
                            r.socketErrors(), r.p50(), r.p99(), micros);
                    drain(reached);
                }
            }
            for (int c : connections) {
                System.out.printf("  kannel %4d connections: median %,7.0f answered 202/s (%s over %d rounds), %,.0f"
                        + " reached the SMSC/s (%s); CPU per request, median: bearerbox and smsbox %.0f us (%s)%n", c,
                        answered.median(c), answered.spread(c, "%,.0f"), ROUNDS, toSmsc.median(c),
                        toSmsc.spread(c, "%,.0f"), cpuPerRequest.median(c), cpuPerRequest.spread(c, "%.0f"));
            }
        } finally {
            for (int i = processes.size() - 1; i >= 0; i--) {
                Process p = processes.get(i);
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Waits (up to a minute) until what was queued has reached the SMSC, so the next round starts from nothing. */
    private static void drain(LongSupplier reached) {
        long start = System.nanoTime();
        long last = -1;
        // a poll on the simulator's count, like every wait here; stops when it stands still for 2 s
        while (System.nanoTime() - start < 60_000_000_000L) {
            long now = reached.getAsLong();
            if (now == last) {
                break;
            }
            last = now;
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Every request to another number (per wrk thread), the same text otherwise. */
    private static Path luaScript(Path dir, String user, String password) throws IOException {
        Path script = dir.resolve("sendsms-" + user + ".lua");
        Files.writeString(script, "local n = 0\n"
                + "request = function()\n"
                + "  n = n + 1\n"
                + "  return wrk.format(\"GET\", \"/cgi-bin/sendsms?username=" + user + "&password=" + password
                + "&to=08123\" .. string.format(\"%07d\", n % 10000000) .. \"&text=Ujian+besok+jam+7+pagi\")\n"
                + "end\n");
        return script;
    }

    private static WrkResult wrk(String wrk, Path script, String url, int connections, int seconds) throws Exception {
        Process p = new ProcessBuilder(wrk, "-t", "2", "-c", String.valueOf(connections), "-d", seconds + "s",
                "--latency", "--timeout", "10s", "-s", script.toString(), url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Matcher total = Pattern.compile("(\\d+) requests in ([\\d.]+)(ms|s|m)").matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("cannot read wrk's output: " + out);
        }
        double secs = Double.parseDouble(total.group(2)) * switch (total.group(3)) {
            case "ms" -> 0.001;
            case "m" -> 60;
            default -> 1;
        };
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        Matcher errors = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(out);
        long socketErrors = 0;
        if (errors.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(errors.group(g));
            }
        }
        return new WrkResult(Long.parseLong(total.group(1)), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                socketErrors, secs, percentile(out, "50%"), percentile(out, "99%"));
    }

    /** A line of wrk's latency distribution, in milliseconds. */
    private static double percentile(String out, String which) {
        Matcher m = Pattern.compile("^\\s+" + Pattern.quote(which) + "\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE)
                .matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private static Process start(Path dir, String name, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
    }

    private static void awaitPort(int port) {
        // A start-up wait on another process (Kannel's boxes), polled like every other wait in these tests.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        return true;
                    }
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String executable(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return Path.of(d, name).toString();
            }
        }
        return null;
    }

    private static final java.util.Set<String> POSTGRES = java.util.Set.of("postgres");
    private static final java.util.Set<String> KANNEL = java.util.Set.of("bearerbox", "smsbox");

    /**
     * Warms {@code who} up in steps of {@value #WARM_UP_STEP_SECONDS} s at 16 connections until two steps agree within
     * a tenth, or {@link #WARM_UP_SECONDS} have passed; prints each step's rate. With {@code reached}, waits after
     * each step for the queue to drain, as after each round.
     */
    private static void warmUp(String who, String wrk, Path script, String url, LongSupplier reached)
            throws Exception {
        List<String> steps = new ArrayList<>();
        double last = -1;
        boolean steady = false;
        for (int spent = 0; spent < WARM_UP_SECONDS && !steady; spent += WARM_UP_STEP_SECONDS) {
            double rate = wrk(wrk, script, url, 16, WARM_UP_STEP_SECONDS).acceptedPerSecond();
            steps.add(String.format(Locale.ROOT, "%,.0f", rate));
            steady = last > 0 && Math.abs(rate - last) <= 0.1 * Math.max(rate, last);
            last = rate;
            if (reached != null) {
                drain(reached);
            }
        }
        System.out.printf("  %-6s warm-up, 16 connections, %d s steps: %s req/s (%s; not counted)%n", who,
                WARM_UP_STEP_SECONDS, String.join(", ", steps), steady ? "steady" : "NOT steady after "
                        + WARM_UP_SECONDS + " s: the figures below are of a machine still warming up");
    }

    /**
     * CPU time (user and system) of the running processes with these command names, from /proc: PostgreSQL's
     * backends, or Kannel's boxes. 0 where /proc cannot be read (then the figure says 0 us).
     */
    private static long cpuNanosOf(java.util.Set<String> names) {
        long ticks = 0;
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (open < 0 || close < 0 || !names.contains(stat.substring(open + 1, close))) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /** CPU time of this JVM (the hub, and the little the benchmark itself does while wrk runs). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
