package org.switchboard.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Kannel as an SMPP application: a bearerbox whose {@code smsc = smpp} connection binds to the hub's SMPP
 * server as a transceiver, and an smsbox serving Kannel's own sendsms. Started on free ports with its configuration
 * and logs in a directory of the test's; skipped when Kannel is not installed, failed instead under CI
 * (SWITCHBOARD_REQUIRE_TOOLS=1, .ci/run installs it).
 */
final class KannelBearerbox implements AutoCloseable {
    static final String USER = "tester";
    static final String PASSWORD = "foobar";

    private final Path dir;
    private final int sendsmsPort;
    private final List<Process> boxes;

    private KannelBearerbox(Path dir, int sendsmsPort, List<Process> boxes) {
        this.dir = dir;
        this.sendsmsPort = sendsmsPort;
        this.boxes = boxes;
    }

    static void require() {
        if (!Files.isExecutable(Path.of("/usr/sbin/bearerbox")) || !Files.isExecutable(Path.of("/usr/sbin/smsbox"))) {
            String message = "Kannel is needed (apt-get install kannel)";
            if ("1".equals(System.getenv("SWITCHBOARD_REQUIRE_TOOLS"))) {
                Assertions.fail(message + ", and SWITCHBOARD_REQUIRE_TOOLS=1");
            }
            Assumptions.abort(message);
        }
    }

    /** Starts bearerbox, bound to the SMPP server on 127.0.0.1:{@code smppPort} as systemId, and smsbox. */
    static KannelBearerbox start(Path dir, int smppPort, String systemId, String password) throws IOException {
        require();
        Files.createDirectories(dir);
        int adminPort = ListenPorts.free();
        int smsboxPort = ListenPorts.free();
        int sendsmsPort = ListenPorts.free();
        String conf = String.join("\n",
                "group = core",
                "admin-port = " + adminPort,
                "admin-password = admin",
                "admin-interface = 127.0.0.1",
                "smsbox-port = " + smsboxPort,
                "box-allow-ip = 127.0.0.1",
                "log-file = \"" + dir.resolve("bearerbox.log") + "\"",
                "log-level = 0",
                "store-type = file",
                "store-location = \"" + dir.resolve("kannel.store") + "\"",
                "dlr-storage = internal",
                "",
                "group = smsc",
                "smsc = smpp",
                "smsc-id = hub",
                "host = 127.0.0.1",
                "port = " + smppPort,
                "transceiver-mode = true",
                "smsc-username = \"" + systemId + "\"",
                "smsc-password = \"" + password + "\"",
                "system-type = \"\"",
                "source-addr-ton = 5",
                "source-addr-npi = 0",
                "dest-addr-ton = 1",
                "dest-addr-npi = 1",
                "enquire-link-interval = 30",
                "reconnect-delay = 1",
                "max-pending-submits = 10",
                "",
                "group = smsbox",
                "bearerbox-host = 127.0.0.1",
                "bearerbox-port = " + smsboxPort,
                "sendsms-port = " + sendsmsPort,
                "sendsms-interface = 127.0.0.1",
                "log-file = \"" + dir.resolve("smsbox.log") + "\"",
                "log-level = 0",
                "",
                "group = sendsms-user",
                "username = " + USER,
                "password = " + PASSWORD,
                "max-messages = 10",
                "concatenation = true",
                "");
        Path file = dir.resolve("kannel.conf");
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        Process bearerbox = new ProcessBuilder("/usr/sbin/bearerbox", file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("bearerbox.out").toFile()).start();
        // smsbox gives up at once when bearerbox does not answer yet (Kannel 1.4.5 panics "Couldn't connect to the
        // bearerbox"): it starts once bearerbox listens for boxes.
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(100)).until(() -> ListenPorts.listening(smsboxPort)
                            || !bearerbox.isAlive());
        } catch (RuntimeException e) {
            bearerbox.destroyForcibly();
            throw e;
        }
        Process smsbox = new ProcessBuilder("/usr/sbin/smsbox", file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("smsbox.out").toFile()).start();
        return new KannelBearerbox(dir, sendsmsPort, List.of(smsbox, bearerbox));
    }


    int sendsmsPort() {
        return sendsmsPort;
    }

    /** The boxes' logs and output so far, for a failing test's message. */
    String log() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("bearerbox.log", "bearerbox.out", "smsbox.log", "smsbox.out")) {
            try {
                out.append("----- ").append(name).append(" -----\n")
                        .append(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("----- no ").append(name).append(" -----\n");
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : boxes) {
            p.destroy();
        }
        for (Process p : boxes) {
            if (!p.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
