package org.switchboard.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What signing in costs per request: {@code GET /api/session} over loopback from 8 threads with HTTP basic auth (with
 * the cache of verified passwords, and with it off so that every request pays bcrypt), and with an API key. Rate
 * limit off. Prints requests per second and p99; asserts nothing. {@code ./bench auth [seconds]}.
 */
public final class AuthBench {
    private static final int THREADS = 8;

    private AuthBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (String cacheSeconds : new String[] { "60", "0" }) {
            Path dir = Files.createTempDirectory("auth-bench");
            try (InProcessHub hub = InProcessHub.start(dir, Map.of("switchboard.http.rate-per-second", "0",
                    "switchboard.http.auth-cache-seconds", cacheSeconds))) {
                String password = Files.readString(dir.resolve("data/admin-password")).trim();
                String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                        .getBytes(StandardCharsets.UTF_8));
                URI uri = URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/session");
                measure("basic auth, cache " + (cacheSeconds.equals("0") ? "off (bcrypt each time)" : "on"), uri,
                        "Authorization", basic, seconds);
                if (!cacheSeconds.equals("0")) {
                    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/keys"))
                            .header("Authorization", basic).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"bench\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    String key = created.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
                    measure("API key", uri, "X-API-Key", key, seconds);
                    measure("basic auth, cache on (again)", uri, "Authorization", basic, seconds);
                }
            }
        }
    }

    private static void measure(String what, URI uri, String header, String value, int seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri).header(header, value).build();
        // warm-up (JIT, connections, the first bcrypt): a second of the same load first, unmeasured
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            results.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("answered " + r.statusCode());
                    }
                    latencies.add(System.nanoTime() - start);
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : results) {
            all.addAll(f.get());
        }
        pool.shutdown();
        all.sort(null);
        double p99 = all.isEmpty() ? 0 : all.get((int) (all.size() * 0.99)) / 1e6;
        System.out.printf(Locale.ROOT, "%-40s %8.0f requests/s  p99 %6.1f ms  (%d requests, %d threads)%n", what,
                all.size() / (double) seconds, p99, all.size(), THREADS);
    }
}
