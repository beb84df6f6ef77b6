package org.switchboard.sip;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs SIPp (Debian's sip-tester) with a scenario from src/test/resources/sipp/, playing the PBX. Skips the test when
 * sipp is not installed, unless SWITCHBOARD_REQUIRE_TOOLS=1 (CI), when its absence fails.
 */
public final class Sipp {

    private Sipp() {
    }

    public static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "sipp");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        String message = "sipp (Debian package sip-tester) is not installed";
        if ("1".equals(System.getenv("SWITCHBOARD_REQUIRE_TOOLS"))) {
            Assertions.fail(message + ", and SWITCHBOARD_REQUIRE_TOOLS=1");
        }
        Assumptions.abort(message);
        return null;
    }

    /** The scenario as a file SIPp can read: copied out when it sits in a jar (the components test-jar). */
    public static Path scenario(String name) {
        try {
            java.net.URL url = Sipp.class.getResource("/sipp/" + name);
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("sipp-", "-" + name);
            copy.toFile().deleteOnExit();
            try (java.io.InputStream in = url.openStream()) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port free on 127.0.0.1 for both UDP and TCP, as SIP listens on both. */
    public static int freePort() {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (IOException e) {
                // taken on one of the two: try another
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1");
    }

    /** Starts SIPp; {@code args} follow the scenario. Output goes to target/sipp/NAME.log. */
    public static Process start(String logName, String scenario, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable(), "-sf", scenario(scenario).toString(),
                "-timeout", "20s", "-timeout_error", "-nostdin"));
        command.addAll(List.of(args));
        Path logs = Path.of("target", "sipp");
        Files.createDirectories(logs);
        return new ProcessBuilder(command).directory(logs.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(logs.resolve(logName + ".log").toFile()).start();
    }

    /** Runs SIPp to its end and returns its exit code: 0 when every call got its expected answers. */
    public static int run(String logName, String scenario, String... args) throws Exception {
        Process p = start(logName, scenario, args);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sipp " + scenario + " did not end within 60 s");
        }
        return p.exitValue();
    }
}
