package org.switchboard.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * node-smpp (the npm package {@code smpp}, installed in src/test/node by .ci/run) as an SMPP application: runs
 * src/test/node/esme.js on a plan and returns the events it printed, one JSON object each. Skips the calling test
 * when Node.js or the package is missing, except under CI (SWITCHBOARD_REQUIRE_TOOLS=1), where that fails it.
 */
final class NodeSmpp {
    static final Path DIR = Path.of("src/test/node").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeSmpp() {
    }

    static void require() {
        boolean installed = Files.isDirectory(DIR.resolve("node_modules/smpp")) && onPath("node");
        if (!installed) {
            String message = "node-smpp is needed (Node.js, and: cd it-tests/src/test/node && npm install)";
            if ("1".equals(System.getenv("SWITCHBOARD_REQUIRE_TOOLS"))) {
                Assertions.fail(message + ", and SWITCHBOARD_REQUIRE_TOOLS=1");
            }
            Assumptions.abort(message);
        }
    }

    /** Runs the application on {@code plan} (see esme.js) against the SMPP server on 127.0.0.1:port. */
    static List<JsonNode> esme(int port, String systemId, String password, String plan) throws Exception {
        require();
        Process p = new ProcessBuilder("node", DIR.resolve("esme.js").toString(), "127.0.0.1", String.valueOf(port),
                systemId, password, plan).directory(DIR.toFile()).redirectErrorStream(false).start();
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                events.add(JSON.readTree(line));
            }
        }
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("esme.js did not end; it printed " + events);
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("esme.js exited " + p.exitValue() + "; it printed " + events
                    + (err.isBlank() ? "" : ", and on stderr: " + err));
        }
        return events;
    }

    /** node-smpp's server side as an operator's SMSC (src/test/node/smsc.js), running until closed. */
    static final class Smsc implements AutoCloseable {
        private final Process process;
        private final List<JsonNode> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.CompletableFuture<Integer> port =
                new java.util.concurrent.CompletableFuture<>();

        private Smsc(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        JsonNode e = JSON.readTree(line);
                        events.add(e);
                        if ("listening".equals(e.path("event").asText())) {
                            port.complete(e.path("port").asInt());
                        }
                    }
                } catch (IOException e) {
                    port.completeExceptionally(e);
                }
            }, "node-smsc-reader");
            reader.setDaemon(true);
            reader.start();
        }

        int port() throws Exception {
            return port.get(30, TimeUnit.SECONDS);
        }

        List<JsonNode> events(String kind) {
            return NodeSmpp.events(events, kind);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static Smsc smsc(String systemId, String password, String plan) throws Exception {
        require();
        Process p = new ProcessBuilder("node", DIR.resolve("smsc.js").toString(), systemId, password, plan)
                .directory(DIR.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new Smsc(p);
    }

    /** The events of one kind, in order. */
    static List<JsonNode> events(List<JsonNode> all, String kind) {
        return all.stream().filter(e -> kind.equals(e.path("event").asText())).toList();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
