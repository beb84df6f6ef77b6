package org.switchboard.hub;

import org.switchboard.hub.cli.SwitchboardCommand;

/** {@code java -jar routes/target/switchboard.jar [contacts|segments ...]}: the hub, or a command on its database. */
public final class SwitchboardMain {
    private SwitchboardMain() {
    }

    public static void main(String[] args) {
        // Before the first logger is made, which fixes the levels for good: a command's output is its answer, so the
        // database's start-up chatter stays out unless asked for; jSMPP's INFO line per session is the hub's own
        // bind and unbind lines again.
        if (args.length > 0 && !args[0].startsWith("-")) {
            defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        defaultProperty("org.slf4j.simpleLogger.log.org.jsmpp", "warn");
        System.exit(SwitchboardCommand.execute(Hub::start, args));
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
