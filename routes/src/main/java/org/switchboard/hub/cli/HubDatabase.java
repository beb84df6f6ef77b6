package org.switchboard.hub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.switchboard.hub.Hub;
import org.switchboard.hub.Settings;
import org.switchboard.store.Database;
import org.switchboard.store.DatabaseSettings;
import org.switchboard.store.DatabaseUnavailableException;

/**
 * Opens the hub's database for a command, from the hub's own settings. The embedded PostgreSQL serves one process:
 * while a hub runs on the same data directory, the command says so and shows the HTTP API call that does the same.
 */
final class HubDatabase {

    private HubDatabase() {
    }

    /**
     * @param apiPathAndArgs what the same work is over HTTP, e.g. {@code -X DELETE http://HOST/api/segments/ipa}
     *        with {@code HOST} standing for the hub's address
     */
    static Database open(Settings settings, String apiPathAndArgs) {
        // A command's output is its answer: the database's start-up chatter stays out unless asked for.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        DatabaseSettings db = Hub.databaseSettings(settings);
        if (db.wantsEmbedded()) {
            Optional<Long> pid = runningServer(db.embeddedDataDir());
            if (pid.isPresent()) {
                throw new CliException(SwitchboardCommand.EXIT_DATABASE, inUse(settings, db,
                        "PostgreSQL process " + pid.get() + " is running on it", apiPathAndArgs));
            }
        }
        try {
            return Database.open(db);
        } catch (DatabaseUnavailableException e) {
            if (db.wantsEmbedded()) {
                throw new CliException(SwitchboardCommand.EXIT_DATABASE, inUse(settings, db, e.getMessage(), apiPathAndArgs));
            }
            throw new CliException(SwitchboardCommand.EXIT_DATABASE, e.getMessage());
        }
    }

    private static String inUse(Settings settings, DatabaseSettings db, String why, String apiPathAndArgs) {
        String password = System.getenv("SWITCHBOARD_ADMIN_PASSWORD") != null ? "$SWITCHBOARD_ADMIN_PASSWORD"
                : "$(cat " + Hub.adminPasswordFile(settings) + ")";
        String host = "http://" + settings.get("switchboard.http.host") + ":" + settings.get("switchboard.http.port");
        return "Cannot open the embedded database in " + db.embeddedDataDir().toAbsolutePath().normalize()
                + " (" + why + "): a running hub probably has it.\n"
                + "Stop the hub first, or let the running hub do it through its HTTP API:\n"
                + "  curl -u admin:" + password + " " + apiPathAndArgs.replace("HOST", host);
    }

    // The postmaster writes its PID on the first line of postmaster.pid and removes the file when it stops.
    private static Optional<Long> runningServer(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no file, or not one we can read: let the start itself tell
        }
    }
}
