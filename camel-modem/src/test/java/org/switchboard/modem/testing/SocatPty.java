package org.switchboard.modem.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;

/**
 * A real pseudo-terminal bridged to a TCP port by socat, so serial-port software (jSerialComm, gammu) talks to the
 * simulator as to a modem on /dev/ttyUSB0. socat ends when the TCP side closes; {@link #keepAlive} restarts it, as a
 * USB modem re-appears after a re-plug.
 */
public final class SocatPty implements AutoCloseable {
    private final Path link;
    private final int tcpPort;
    private final Path log;
    private volatile Process process;
    private volatile boolean closed;
    private Thread keeper;

    private SocatPty(Path link, int tcpPort) throws IOException {
        this.link = link;
        this.tcpPort = tcpPort;
        this.log = Files.createTempFile("socat", ".log");
    }

    /** Skips the calling test when socat is not installed, except under CI (which installs it) where it fails. */
    public static void assumeInstalled() {
        requireTool("socat");
    }

    /**
     * Skips the calling test when {@code command} is not on the PATH; fails instead when SWITCHBOARD_REQUIRE_TOOLS=1
     * (set by .ci/run), so CI never passes by skipping.
     */
    public static void requireTool(String command) {
        if ("1".equals(System.getenv("SWITCHBOARD_REQUIRE_TOOLS"))) {
            if (!onPath(command)) {
                throw new IllegalStateException(command + " is not installed, and SWITCHBOARD_REQUIRE_TOOLS=1");
            }
            return;
        }
        Assumptions.assumeTrue(onPath(command), command + " is not installed: test skipped");
    }

    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Starts socat with a pty at {@code link} connected to 127.0.0.1:{@code tcpPort}, and waits for the pty. */
    public static SocatPty start(Path link, int tcpPort) throws IOException {
        assumeInstalled();
        SocatPty pty = new SocatPty(link, tcpPort);
        pty.launch();
        return pty;
    }

    /** Restarts socat whenever it ends (the simulator dropped the connection), until closed. */
    public SocatPty keepAlive() {
        keeper = new Thread(() -> {
            while (!closed) {
                try {
                    Process p = process;
                    p.waitFor();
                    if (!closed) {
                        launch();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    return;
                }
            }
        }, "socat-keeper");
        keeper.setDaemon(true);
        keeper.start();
        return this;
    }

    private void launch() throws IOException {
        Files.deleteIfExists(link);
        process = new ProcessBuilder("socat", "pty,link=" + link + ",raw,echo=0", "tcp:127.0.0.1:" + tcpPort)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(link) || !process.isAlive());
        if (!Files.exists(link)) {
            throw new IOException("socat did not create " + link + ": " + Files.readString(log));
        }
    }

    public Path link() {
        return link;
    }

    @Override
    public void close() {
        closed = true;
        if (keeper != null) {
            keeper.interrupt();
        }
        Process p = process;
        if (p != null) {
            p.destroy();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
