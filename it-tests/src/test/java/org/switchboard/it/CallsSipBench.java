package org.switchboard.it;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.switchboard.calls.CallState;
import org.switchboard.calls.sip.SipClickToCall;
import org.switchboard.calls.sip.ThirdPartyCall;
import org.switchboard.sip.Sipp;
import org.switchboard.sip.stack.SipStackOptions;

/**
 * Click-to-call by SIP third-party call control, as issue 16 asks it measured, against two SIPp instances over
 * loopback playing the agent's phone and the customer's (each rings and answers at once, the customer hangs up as
 * soon as the call is joined; no digest): the figures are the hub's and JAIN-SIP's, not a PBX's. First the SIP way
 * alone ({@link SipClickToCall}, no HTTP, no database): originations per second with 16 in flight
 * ({@code -Dcalls.window}), each followed to
 * its end (two INVITEs, two ACKs, two BYEs and their answers), and the time from {@code start} to the agent-ringing
 * state (the agent's 180 in). Then the whole hub on PostgreSQL (127.0.0.1:5432): clients POST /api/calls back to back,
 * each call stored, placed, its states stored and journalled; per level: calls asked per second (201s), calls ended
 * per second, and the time from the click (the POST sent) to the agent-ringing state (the 180 in, as the hub stamped
 * it), p50/p99. Asserts nothing. {@code ./bench calls-sip [seconds] [clients ...]}.
 */
public final class CallsSipBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Calls in flight for the SIP way alone ({@code -Dcalls.window}). */
    private static final int WINDOW = Integer.getInteger("calls.window", 16);

    private CallsSipBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] levels = args.length > 1 ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8, 32};
        System.out.printf(Locale.ROOT, "calls-sip: click-to-call by SIP 3PCC (RFC 3725 flow I) against SIPp phones"
                + " over loopback UDP; %d s per measurement after a 5 s warm-up%n", seconds);
        int agentPort = Sipp.freePort();
        int customerPort = Sipp.freePort();
        Process agent = phone("bench_phone.xml", agentPort, "bench-agent");
        Process customer = phone("bench_phone_hangs_up.xml", customerPort, "bench-customer");
        try {
            sipAlone(agentPort, customerPort, 5, false);
            sipAlone(agentPort, customerPort, seconds, true);
            wholeHub(agentPort, customerPort, seconds, levels);
        } finally {
            agent.destroy();
            customer.destroy();
        }
        System.exit(0);
    }

    /** SIPp as a UAS for as many calls as come, until destroyed. */
    private static Process phone(String scenario, int port, String log) throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "sipp"));
        return new ProcessBuilder(Sipp.executable(), "-sf", Sipp.scenario(scenario).toString(), "-t", "u1", "-i",
                "127.0.0.1", "-p", Integer.toString(port), "-nostdin")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true)
                .redirectOutput(logs.resolve(log + ".log").toFile()).start();
    }

    private static SipClickToCall.Settings settings(int agentPort, int customerPort) {
        return new SipClickToCall.Settings("sip:{agent}@127.0.0.1:" + agentPort, "sip:{digits}@127.0.0.1:"
                + customerPort, "bench", "bench", "127.0.0.1", new ThirdPartyCall.Timing(Duration.ofSeconds(30),
                        Duration.ofSeconds(25), Duration.ofSeconds(4)));
    }

    /** The SIP way alone: {@link #WINDOW} calls in flight, each to its end. */
    private static void sipAlone(int agentPort, int customerPort, int seconds, boolean print) throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        AtomicLong ended = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<Long, Long> started = new ConcurrentHashMap<>();
        Map<String, AtomicLong> causes = new ConcurrentHashMap<>();
        List<Long> ringing = Collections.synchronizedList(new ArrayList<>());
        int port = Sipp.freePort();
        SipClickToCall calls = new SipClickToCall(new SipStackOptions("127.0.0.1", port, List.of("udp"), 0, 0),
                settings(agentPort, customerPort), t -> {
                    if (t.state() == CallState.AGENT_RINGING) {
                        Long t0 = started.get(t.callId());
                        if (t0 != null) {
                            ringing.add(System.nanoTime() - t0);
                        }
                    } else if (t.state().isFinal()) {
                        started.remove(t.callId());
                        (t.state() == CallState.ENDED ? ended : failed).incrementAndGet();
                        if (t.state() == CallState.FAILED) {
                            causes.computeIfAbsent(t.cause() + ": " + t.detail(), k -> new AtomicLong())
                                    .incrementAndGet();
                        }
                        window.release();
                    }
                }, Clock.systemUTC()).start();
        try {
            long id = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    started.put(++id, System.nanoTime());
                    calls.start(id, "1001", "+6281234567890");
                }
            }
            window.acquire(WINDOW);
            if (print) {
                System.out.printf(Locale.ROOT, "  SIP way alone, %d in flight: %,.0f calls/s placed and followed to"
                        + " their end (%d failed%s); start to agent-ringing p50 %.2f ms, p99 %.2f ms%n",
                        WINDOW, ended.get() / (double) seconds, failed.get(), causes.isEmpty() ? "" : ": " + causes,
                        percentile(ringing, 50), percentile(ringing, 99));
            }
        } finally {
            calls.close();
        }
    }

    private static void wholeHub(int agentPort, int customerPort, int seconds, int[] levels) throws Exception {
        Path dir = Files.createTempDirectory("calls-sip-bench");
        try (InProcessHub hub = InProcessHub.start(dir, Map.of("switchboard.calls.mode", "sip",
                "switchboard.calls.sip.pbx", "127.0.0.1:" + agentPort, "switchboard.calls.sip.user", "bench",
                "switchboard.calls.sip.agent-uri", "sip:{agent}@127.0.0.1:" + agentPort,
                "switchboard.calls.sip.customer-uri", "sip:{digits}@127.0.0.1:" + customerPort,
                "switchboard.simulator.modems", "1",
                // the benchmark's clients are one user: the API's per-user limit would measure itself
                "switchboard.http.rate-per-second", "1000000"))) {
            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + Files.readString(
                    dir.resolve("data/admin-password")).trim()).getBytes(StandardCharsets.UTF_8));
            URI uri = URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/calls");
            System.out.println("  the whole hub on PostgreSQL: POST /api/calls back to back, each call stored,"
                    + " placed, its states stored and journalled");
            run(hub, uri, auth, 8, 5, false);
            for (int clients : levels) {
                run(hub, uri, auth, clients, seconds, true);
            }
        }
    }

    private static void run(InProcessHub hub, URI uri, String auth, int clients, int seconds, boolean print)
            throws Exception {
        long endedBefore = count(hub, "SELECT count(*) AS n FROM call WHERE state IN ('ended', 'failed')");
        long failedBefore = count(hub, "SELECT count(*) AS n FROM call WHERE state = 'failed'");
        Map<Long, Instant> clicked = new ConcurrentHashMap<>();
        AtomicLong created = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(clients);
        HttpClient http = HttpClient.newHttpClient();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        Instant t0 = Instant.now();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"agent\": \"1001\", \"number\": \"+6281234567890\"}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            refused.incrementAndGet();
                            continue;
                        }
                        created.incrementAndGet();
                        clicked.put(JSON.readTree(r.body()).get("id").asLong(), t0);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        // The calls still under way finish (their states stored and journalled) before the rate of ended calls is told.
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> count(hub,
                "SELECT count(*) AS n FROM call WHERE state NOT IN ('ended', 'failed')") == 0);
        double drained = (System.nanoTime() - start) / 1e9;
        long endedAfter = count(hub, "SELECT count(*) AS n FROM call WHERE state IN ('ended', 'failed')");
        long failedAfter = count(hub, "SELECT count(*) AS n FROM call WHERE state = 'failed'");
        // The hub stamps each state with its own clock as the SIP response comes in: the same clock as the click's.
        List<Long> clickToRing = new ArrayList<>();
        for (Map<String, Object> row : hub.query("SELECT call_id, at FROM call_state WHERE state = 'agent-ringing'")) {
            Instant t0 = clicked.get(((Number) row.get("call_id")).longValue());
            if (t0 != null) {
                clickToRing.add(Duration.between(t0, ((Timestamp) row.get("at")).toInstant()).toNanos());
            }
        }
        if (print) {
            System.out.printf(Locale.ROOT, "  %3d client(s): %,7.0f calls/s asked (201), %,7.0f calls/s ended (every"
                    + " state stored and journalled, %.1f s to the last; %d failed), non-201 %d; click to the agent's"
                    + " phone ringing p50 %.2f ms, p99 %.2f ms%n", clients, created.get() / (double) seconds,
                    (endedAfter - endedBefore) / drained, drained, failedAfter - failedBefore, refused.get(),
                    percentile(clickToRing, 50), percentile(clickToRing, 99));
        }
    }

    private static long count(InProcessHub hub, String sql) throws Exception {
        return ((Number) hub.query(sql).get(0).get("n")).longValue();
    }

    private static double percentile(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
