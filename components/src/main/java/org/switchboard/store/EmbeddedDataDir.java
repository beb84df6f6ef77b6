package org.switchboard.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's data directory, held by one hub for its whole life (a lock on a file beside it), and freed
 * at start of the server a hub killed with {@code kill -9} left behind: that server outlives its JVM, keeps
 * {@code postmaster.pid}, and would make every later start fail with "lock file already exists".
 */
final class EmbeddedDataDir implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDataDir.class);
    /** How long an orphaned server gets to shut down (it has no clients left) before it is killed. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

    private final FileChannel channel;
    private final FileLock lock;

    private EmbeddedDataDir(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Holds {@code dir} for this process, then stops the server an earlier hub on it left running. Fails when a live
     * hub holds it: its server is in use and must not be touched.
     */
    static EmbeddedDataDir claim(Path dir) throws IOException {
        Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it already
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another hub (or a command of one) is using the embedded database in " + dir
                    + " (" + lockFile + " is locked); stop it first, or use its HTTP API");
        }
        EmbeddedDataDir held = new EmbeddedDataDir(channel, lock);
        try {
            stopOrphanedServer(dir);
            return held;
        } catch (IOException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /**
     * The server named by {@code postmaster.pid}, when it is a postgres serving {@code dir}: only a hub holding the
     * directory starts one there, and none does now, so it was left by one that died. It is asked to shut down (SIGTERM:
     * its clients died with their JVM), killed if it does not within {@value #SHUTDOWN_WAIT}. A pid file naming no such
     * process is stale (the machine rebooted, the pid went to another program) and is removed.
     */
    static void stopOrphanedServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        }
        Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> servesDirectory(p, dir));
        if (server.isEmpty()) {
            LOG.info("Removing the stale {} (no server of this directory runs)", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle p = server.get();
        LOG.warn("The embedded PostgreSQL (pid {}) of a hub that did not stop cleanly is still running on {}; stopping"
                + " it before starting again", p.pid(), dir);
        p.destroy();
        if (!exited(p, SHUTDOWN_WAIT)) {
            LOG.warn("The orphaned PostgreSQL (pid {}) did not shut down within {} s; killing it", p.pid(),
                    SHUTDOWN_WAIT.toSeconds());
            p.destroyForcibly();
            if (!exited(p, SHUTDOWN_WAIT)) {
                throw new IOException("the orphaned PostgreSQL (pid " + p.pid() + ") on " + dir + " cannot be stopped");
            }
            // Killed, it could not remove its pid file; the next server finds the pid dead and carries on anyway.
            Files.deleteIfExists(pidFile);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code p} is a postgres started on {@code dir}; a process whose command line is hidden is not trusted. */
    private static boolean servesDirectory(ProcessHandle p, Path dir) {
        Optional<String> command = p.info().command();
        Optional<String[]> args = p.info().arguments();
        if (command.isEmpty() || args.isEmpty() || !Path.of(command.get()).getFileName().toString().startsWith("postgres")) {
            return false;
        }
        String[] a = args.get();
        for (int i = 0; i + 1 < a.length; i++) {
            if ("-D".equals(a[i]) && sameDirectory(Path.of(a[i + 1]), dir)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static boolean exited(ProcessHandle p, Duration wait) {
        try {
            p.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the data directory's lock file: {}", e.getMessage());
        }
    }
}
