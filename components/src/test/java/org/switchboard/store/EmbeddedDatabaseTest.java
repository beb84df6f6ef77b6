package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The no-set-up default: an embedded PostgreSQL whose data survives a restart. Takes 6 to 25 s. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void anEmbeddedDatabaseKeepsItsRowsAcrossRestarts() {
        Path data = dir.resolve("postgres");
        long id;
        try (Database db = Database.open(DatabaseSettings.embedded(data))) {
            assertTrue(db.embedded());
            assertTrue(db.describe().startsWith("embedded PostgreSQL on 127.0.0.1:"), db.describe());
            assertTrue(db.describe().contains(data.toString()), db.describe());
            id = new MessageStore(db.dataSource())
                    .storeInbound(new NewInbound("modems", "modem1", "+6281234567890", "survives", 1, false, OffsetDateTime.now()))
                    .id();
        }
        try (Database again = Database.open(DatabaseSettings.embedded(data))) {
            MessageStore store = new MessageStore(again.dataSource());
            assertEquals("survives", store.inbound(id).orElseThrow().text());
        }
    }

    /**
     * kill -9 of a hub leaves its embedded server running with its postmaster.pid: the next start stops that server and
     * opens the same data, instead of failing on "lock file already exists".
     */
    @Test
    void theServerOfAKilledHubIsStoppedAndItsDataKept() throws Exception {
        Path data = dir.resolve("postgres");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                EmbeddedDatabaseHolder.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        long id;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.startsWith("stored ")) {
                seen.append(line).append('\n');
            }
            assertNotNull(line, "the child never stored its row:\n" + seen);
            id = Long.parseLong(line.substring("stored ".length()).trim());
            child.destroyForcibly(); // SIGKILL: no shutdown hook stops the server
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        long orphan = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the killed hub's server runs on");

        try (Database again = Database.open(DatabaseSettings.embedded(data))) {
            assertEquals("left by a killed hub", new MessageStore(again.dataSource()).inbound(id).orElseThrow().text());
            assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the orphan was stopped");
        }
    }

    /** Only one hub at a time on a data directory: a second is refused with a clear reason, the first unharmed. */
    @Test
    void aSecondHubOnTheSameDataDirectoryIsRefused() {
        Path data = dir.resolve("postgres");
        try (Database first = Database.open(DatabaseSettings.embedded(data))) {
            DatabaseUnavailableException refused = assertThrows(DatabaseUnavailableException.class,
                    () -> Database.open(DatabaseSettings.embedded(data)));
            assertTrue(refused.getMessage().contains("another hub"), refused.getMessage());
            assertTrue(new MessageStore(first.dataSource()).inbound(1).isEmpty());
        }
    }

    /** A pid file naming a process that is no server of this directory (here the test's own JVM) is stale. */
    @Test
    void aStalePidFileIsRemovedAndTheProcessItNamesLeftAlone() throws Exception {
        Path data = Files.createDirectories(dir.resolve("postgres"));
        Files.write(data.resolve("postmaster.pid"), List.of(String.valueOf(ProcessHandle.current().pid()), data.toString()));
        EmbeddedDataDir.stopOrphanedServer(data);
        assertFalse(Files.exists(data.resolve("postmaster.pid")));
        Files.write(data.resolve("postmaster.pid"), List.of("999999999", data.toString()));
        EmbeddedDataDir.stopOrphanedServer(data);
        assertFalse(Files.exists(data.resolve("postmaster.pid")));
    }

    @Test
    void aConfiguredUrlIsDescribedWithoutItsPassword() {
        try (TestDatabases.TestDatabase test = TestDatabases.create()) {
            String described = test.database().describe();
            assertFalse(test.database().embedded());
            assertTrue(described.startsWith("PostgreSQL at jdbc:postgresql://"), described);
        }
        assertEquals("jdbc:postgresql://h/db", Database.withoutQuery("jdbc:postgresql://h/db?password=secret"));
        assertFalse(new DatabaseSettings("jdbc:postgresql://h/db", "u", "secret", null, 0).toString().contains("secret"));
    }
}
