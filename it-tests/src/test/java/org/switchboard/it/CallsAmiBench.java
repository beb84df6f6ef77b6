package org.switchboard.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import org.switchboard.calls.ami.AmiClickToCall;
import org.switchboard.calls.ami.ScriptedAmiServer;

/**
 * Click-to-call through Asterisk's manager interface, as issue 16 asks it measured, against the scripted AMI server
 * over loopback (phones that ring and answer at once, calls that hang up as soon as they connect: the figures are the
 * hub's and the protocol's, not a PBX's). First the AMI way alone ({@link AmiClickToCall}, no HTTP, no database):
 * originations per second with 64 in flight, each followed to its end through its ~12 events, and the time from
 * {@code start} to the agent-ringing state. Then the whole hub on PostgreSQL (127.0.0.1:5432): clients POST
 * /api/calls back to back at a few concurrency levels, each call stored, originated, its six states stored and
 * journalled; per level: calls asked per second (201s), calls ended per second, and the time from the click (the POST
 * sent) to the PBX receiving the Originate, i.e. the agent's phone starting to ring, p50/p99. Asserts nothing.
 * {@code ./bench calls [seconds] [clients ...]}.
 */
public final class CallsAmiBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CallsAmiBench() {
    }

    public static void main(String[] args) throws Exception {
        // As the hub sets them (SwitchboardMain): asterisk-java's per-event "Slow processing" and per-session warnings
        // would otherwise fill the figures' output under load.
        System.setProperty("org.slf4j.simpleLogger.log.org.asteriskjava.manager.internal.AsyncEventPump", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.asteriskjava.manager.internal.ManagerConnectionImpl",
                "error");
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] levels = args.length > 1 ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8, 32};
        System.out.printf(Locale.ROOT, "calls: click-to-call through AMI against the scripted AMI server over"
                + " loopback; %d s per measurement after a 5 s warm-up%n", seconds);
        try (ScriptedAmiServer pbx = new ScriptedAmiServer("bench", "bench").ring(Duration.ZERO)
                .talk(Duration.ZERO)) {
            amiAlone(pbx, 5, false);
            amiAlone(pbx, seconds, true);
            pbx.forgetOriginates();
            wholeHub(pbx, seconds, levels);
        }
        System.exit(0);
    }

    /** The AMI way alone: 64 calls in flight, each to its end. */
    private static void amiAlone(ScriptedAmiServer pbx, int seconds, boolean print) throws Exception {
        Semaphore window = new Semaphore(64);
        AtomicLong ended = new AtomicLong();
        Map<Long, Long> started = new ConcurrentHashMap<>();
        List<Long> ringing = Collections.synchronizedList(new ArrayList<>());
        AmiClickToCall calls = new AmiClickToCall(new AmiClickToCall.Settings("127.0.0.1", pbx.port(), "bench", "bench",
                Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20)),
                new AmiClickToCall.Dialplan("PJSIP/{agent}", "from-internal", "{e164}", Duration.ofSeconds(30)), t -> {
                    if (t.state() == CallState.AGENT_RINGING) {
                        Long t0 = started.get(t.callId());
                        if (t0 != null) {
                            ringing.add(System.nanoTime() - t0);
                        }
                    } else if (t.state().isFinal()) {
                        started.remove(t.callId());
                        ended.incrementAndGet();
                        window.release();
                    }
                }, Clock.systemUTC()).start();
        try {
            while (calls.unavailable().isPresent()) {
                Thread.onSpinWait();
            }
            long id = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    started.put(++id, System.nanoTime());
                    calls.start(id, "1001", "+6281234567890");
                }
            }
            window.acquire(64);
            if (print) {
                System.out.printf(Locale.ROOT, "  AMI way alone, 64 in flight: %,.0f calls/s originated and followed to"
                        + " their end; start to agent-ringing p50 %.2f ms, p99 %.2f ms%n", ended.get() / (double) seconds,
                        percentile(ringing, 50), percentile(ringing, 99));
            }
        } finally {
            calls.close();
        }
    }

    private static void wholeHub(ScriptedAmiServer pbx, int seconds, int[] levels) throws Exception {
        Path dir = Files.createTempDirectory("calls-bench");
        try (InProcessHub hub = InProcessHub.start(dir, Map.of("switchboard.calls.mode", "ami",
                "switchboard.calls.ami.host", "127.0.0.1", "switchboard.calls.ami.port", String.valueOf(pbx.port()),
                "switchboard.calls.ami.user", "bench", "switchboard.calls.ami.password", "bench",
                "switchboard.calls.ami.context", "from-internal", "switchboard.simulator.modems", "1",
                // the benchmark's clients are one user: the API's per-user limit would measure itself
                "switchboard.http.rate-per-second", "1000000"))) {
            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + Files.readString(
                    dir.resolve("data/admin-password")).trim()).getBytes(StandardCharsets.UTF_8));
            URI uri = URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/calls");
            while (pbx.loggedIn() == 0) {
                Thread.onSpinWait();
            }
            System.out.println("  the whole hub on PostgreSQL: POST /api/calls back to back, each call stored,"
                    + " originated, its states stored and journalled");
            run(hub, pbx, uri, auth, 8, 5, false);
            for (int clients : levels) {
                run(hub, pbx, uri, auth, clients, seconds, true);
            }
        }
    }

    private static void run(InProcessHub hub, ScriptedAmiServer pbx, URI uri, String auth, int clients, int seconds,
            boolean print) throws Exception {
        long endedBefore = count(hub, "SELECT count(*) AS n FROM call WHERE state IN ('ended', 'failed')");
        List<Long> clickToRing = Collections.synchronizedList(new ArrayList<>());
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
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"agent\": \"1001\", \"number\": \"+6281234567890\"}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            refused.incrementAndGet();
                            continue;
                        }
                        created.incrementAndGet();
                        long id = JSON.readTree(r.body()).get("id").asLong();
                        Long rang = pbx.originateReceivedNanos("switchboard-call-" + id);
                        if (rang != null) {
                            clickToRing.add(rang - t0);
                        }
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
        if (print) {
            System.out.printf(Locale.ROOT, "  %3d client(s): %,7.0f calls/s asked (201), %,7.0f calls/s ended (every"
                    + " state stored and journalled, %.1f s to the last), non-201 %d; click to the agent's phone"
                    + " ringing p50 %.2f ms, p99 %.2f ms%n", clients, created.get() / (double) seconds,
                    (endedAfter - endedBefore) / drained, drained, refused.get(), percentile(clickToRing, 50),
                    percentile(clickToRing, 99));
        }
        pbx.forgetOriginates();
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
