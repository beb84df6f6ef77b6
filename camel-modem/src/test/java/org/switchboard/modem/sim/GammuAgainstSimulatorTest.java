package org.switchboard.modem.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real gammu against the simulator through a socat pty, the way it talks to a USB modem. Skipped without gammu or
 * socat unless SWITCHBOARD_REQUIRE_TOOLS=1, when their absence fails.
 */
class GammuAgainstSimulatorTest {
    private static final Path GAMMU = Path.of("/usr/bin/gammu");
    private static final Path SOCAT = Path.of("/usr/bin/socat");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long GAMMU_TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;
    private SimNetwork network;
    private SimModem modem;
    private Process socat;
    private Path rc;

    /** What a gammu run printed and returned. */
    record Run(int exit, String output) {
    }

    @BeforeAll
    static void toolsPresent() {
        boolean present = Files.isExecutable(GAMMU) && Files.isExecutable(SOCAT);
        if (!present && "1".equals(System.getenv("SWITCHBOARD_REQUIRE_TOOLS"))) {
            fail("SWITCHBOARD_REQUIRE_TOOLS=1 but " + GAMMU + " or " + SOCAT + " is missing");
        }
        Assumptions.assumeTrue(present, "gammu or socat not installed: gammu tests skipped");
    }

    @BeforeEach
    void start() throws IOException {
        network = SimNetwork.start(SimOptions.ephemeral(1));
        modem = network.modem(1);
        Path link = dir.resolve("ttyGSM0");
        socat = new ProcessBuilder(SOCAT.toString(), "pty,link=" + link + ",raw,echo=0",
                "tcp:127.0.0.1:" + modem.port()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> (Files.exists(link) && modem.hostConnected()) || !socat.isAlive());
        assertTrue(socat.isAlive(), () -> "socat ended: " + read(dir.resolve("socat.log")));
        rc = dir.resolve("gammurc");
        Files.writeString(rc, "[gammu]\ndevice = " + link + "\nconnection = at\nlogfile = " + dir.resolve("gammu.log")
                + "\nlogformat = textall\n");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (socat != null) {
            socat.destroy();
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    private Run gammu(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(GAMMU.toString(), "-c", rc.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("gammu.out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(GAMMU_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("gammu " + String.join(" ", args) + " did not finish: " + read(out) + "\nlog tail:\n" + logTail());
        }
        return new Run(p.exitValue(), read(out));
    }

    private void assertSucceeded(Run run) {
        assertEquals(0, run.exit(), () -> "gammu failed: " + run.output() + "\nlog tail:\n" + logTail());
    }

    private String logTail() {
        String log = read(dir.resolve("gammu.log"));
        return log.substring(Math.max(0, log.length() - 3000));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void identifiesTheModem() throws Exception {
        Run run = gammu("identify");
        assertSucceeded(run);
        assertTrue(run.output().contains("SIMCOM_Ltd"), run.output());
        assertTrue(run.output().contains("SIMCOM_SIM800"), run.output());
        assertTrue(run.output().contains("868765430000001"), run.output());
    }

    @Test
    void sendsAnSmsTheNetworkDelivers() throws Exception {
        Run run = gammu("sendsms", "TEXT", "+6281234567890", "-text", "Halo dari gammu");
        assertSucceeded(run);
        assertTrue(run.output().contains("message reference=0"), run.output());
        assertEquals(1, modem.delivered().size());
        DeliveredSms sms = modem.delivered().get(0);
        assertEquals("+6281234567890", sms.to());
        assertEquals("Halo dari gammu", sms.text());
        assertEquals(1, sms.parts());
    }

    @Test
    void readsAnInjectedSms() throws Exception {
        modem.inbound("+6281298765432", "Pesan masuk untuk gammu");
        Run run = gammu("getallsms");
        assertSucceeded(run);
        assertTrue(run.output().contains("Pesan masuk untuk gammu"), run.output());
        assertTrue(run.output().contains("\"+6281298765432\""), run.output());
        assertTrue(run.output().contains("1 SMS parts in 1 SMS sequences"), run.output());
    }

    @Test
    void sendsALongSmsInParts() throws Exception {
        String text = "Pesan panjang dari gammu lewat simulator. ".repeat(10).substring(0, 400);
        Run run = gammu("sendsms", "TEXT", "+6281234567890", "-len", "400", "-text", text);
        assertSucceeded(run);
        assertEquals(1, modem.delivered().size(), () -> modem.delivered().toString());
        assertEquals(text, modem.delivered().get(0).text());
        assertEquals(3, modem.delivered().get(0).parts());
    }

    @Test
    void sendsUnicode() throws Exception {
        // Command-line arguments reach gammu in the JVM's native encoding; "☺" needs it to be UTF-8.
        Assumptions.assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
                "native encoding is not UTF-8: cannot pass non-ASCII arguments to gammu");
        Run run = gammu("sendsms", "TEXT", "+6281234567890", "-unicode", "-text", "Halo Dunia ☺");
        assertSucceeded(run);
        assertEquals("Halo Dunia ☺", modem.delivered().get(0).text());
    }
}
