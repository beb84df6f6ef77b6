package org.switchboard.hub.cli;

import org.switchboard.hub.config.DatabaseConfig;
import org.switchboard.hub.config.Settings;
import org.switchboard.hub.config.SettingsBinder;
import org.switchboard.hub.http.AdminPassword;
import org.switchboard.hub.http.HttpConfig;
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
        SettingsBinder binder = new SettingsBinder(settings);
        DatabaseConfig config = binder.bind(new DatabaseConfig());
        DatabaseSettings db = config.database();
        // A running hub holds the embedded data directory (Database says so); a server a killed hub left is stopped.
        try {
            return Database.open(db);
        } catch (DatabaseUnavailableException e) {
            if (db.wantsEmbedded()) {
                throw new CliException(SwitchboardCommand.EXIT_DATABASE, inUse(config, binder.bind(new HttpConfig()),
                        e.getMessage(), apiPathAndArgs));
            }
            throw new CliException(SwitchboardCommand.EXIT_DATABASE, e.getMessage());
        }
    }

    private static String inUse(DatabaseConfig db, HttpConfig http, String why, String apiPathAndArgs) {
        String password = System.getenv("SWITCHBOARD_ADMIN_PASSWORD") != null ? "$SWITCHBOARD_ADMIN_PASSWORD"
                : "$(cat " + AdminPassword.file(db.dataDir()) + ")";
        String host = "http://" + http.getHost() + ":" + http.getPort();
        return "Cannot open the embedded database in " + db.database().embeddedDataDir().toAbsolutePath().normalize()
                + " (" + why + "): a running hub probably has it.\n"
                + "Stop the hub first, or let the running hub do it through its HTTP API:\n"
                + "  curl -u admin:" + password + " " + apiPathAndArgs.replace("HOST", host);
    }
}
