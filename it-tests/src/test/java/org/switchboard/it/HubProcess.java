package org.switchboard.it;

import java.io.IOException;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.sip.Sipp;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * The hub as its own operating-system process, started from {@code routes/target/switchboard.jar} as an operator starts
 * it, with its settings in a properties file named by SWITCHBOARD_CONFIG and its output appended to a log file.
 */
final class HubProcess implements AutoCloseable {
    private final Path config;
    private final Path log;
    private final Path workDir;
    private Process process;
    private int starts;

    HubProcess(Path dir) {
        this.workDir = dir;
        this.config = dir.resolve("switchboard.properties");
        this.log = dir.resolve("hub.log");
    }

    /**
     * The runnable jar the routes module's package phase shades; in a reactor build it exists before it-tests runs its
     * tests, because it-tests depends on that module.
     */
    static Path jar() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path jar = module.resolve("../routes/target/switchboard.jar").normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: these tests run the packaged hub. Build it first with"
                    + " `mvn -B -ntp package -DskipTests` from the project root (a reactor `mvn verify` builds it before"
                    + " it-tests runs).");
        }
        return jar;
    }

    /**
     * The settings of a hub process that uses the test's own database, mail server (SMTP on {@code smtpPort}, which a
     * test may point at a dead port) and simulated modems (each with {@code modemOptions} appended), on free ports.
     * Mutable, for a test to add its own.
     */
    static Map<String, String> settingsAgainst(Path dir, TestDatabase db, GreenMail mail, int smtpPort, SimNetwork sim,
            String modemOptions) throws IOException {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("switchboard.db.url", db.url());
        s.put("switchboard.db.embedded-dir", dir.resolve("data/postgres").toString());
        s.put("switchboard.mail.embedded", "false");
        s.put("switchboard.smtp.host", "127.0.0.1");
        s.put("switchboard.smtp.port", String.valueOf(smtpPort));
        s.put("switchboard.imap.host", "127.0.0.1");
        s.put("switchboard.imap.port", String.valueOf(mail.getImap().getPort()));
        s.put("switchboard.simulator.enabled", "false");
        for (SimModem m : sim.modems()) {
            s.put("switchboard.modem.gsm" + m.id(), "host=127.0.0.1&port=" + m.port() + modemOptions);
        }
        s.put("switchboard.http.port", String.valueOf(ListenPorts.free()));
        s.put("switchboard.sip.port", String.valueOf(Sipp.freePort()));
        s.put("switchboard.smpp.server.port", String.valueOf(ListenPorts.free()));
        s.put("switchboard.outbox.poll-millis", "100");
        return s;
    }

    /** Writes {@code settings} as the hub's configuration file and starts the hub on it. */
    void start(Map<String, String> settings) throws IOException {
        if (alive()) {
            throw new IllegalStateException("the hub is still running, pid " + process.pid());
        }
        Properties p = new Properties();
        p.putAll(settings);
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, "written by " + HubProcess.class.getSimpleName());
        }
        starts++;
        Files.writeString(log, "\n===== hub start " + starts + " =====\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toString());
        // Only the file speaks: nothing from the environment the build runs in (SWITCHBOARD_ADMIN_PASSWORD, ...).
        pb.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
        pb.environment().put("SWITCHBOARD_CONFIG", config.toString());
        pb.directory(workDir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(Redirect.appendTo(log.toFile()));
        process = pb.start();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Fails when the hub died by itself, so that a wait does not run into its timeout instead. */
    void assertAlive() {
        if (process != null && !process.isAlive()) {
            throw new IllegalStateException("the hub exited by itself with code " + process.exitValue() + "; its log:\n"
                    + log());
        }
    }

    /** SIGKILL, as {@code kill -9} (Process.destroyForcibly on Linux): no shutdown hook, no flush. The exit code. */
    int kill9() throws InterruptedException {
        Process p = process;
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the hub, pid " + p.pid() + ", outlived SIGKILL");
        }
        return p.exitValue();
    }

    /** SIGTERM, as a supervisor stops it: the hub's shutdown hook stops its parts. The exit code. */
    int stop() throws InterruptedException {
        Process p = process;
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the hub, pid " + p.pid() + ", did not stop within 60 s of SIGTERM");
        }
        return p.exitValue();
    }

    String log() {
        try {
            return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill9();
        }
    }
}
