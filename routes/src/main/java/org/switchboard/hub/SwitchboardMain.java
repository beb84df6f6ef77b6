package org.switchboard.hub;

import org.switchboard.hub.cli.SwitchboardCommand;

/** {@code java -jar routes/target/switchboard.jar [contacts|segments ...]}: the hub, or a command on its database. */
public final class SwitchboardMain {
    private SwitchboardMain() {
    }

    public static void main(String[] args) {
        // Before the first logger is made, which fixes the levels for good. The hub says what it does at INFO; the
        // libraries (the embedded database's initdb, Flyway, Camel's route list, the SIP stack) only warn, unless
        // --verbose (or SWITCHBOARD_VERBOSE=true) asks for all. A command's output is its answer: WARN for all.
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose")
                || "true".equalsIgnoreCase(System.getenv("SWITCHBOARD_VERBOSE"));
        boolean command = java.util.Arrays.stream(args).anyMatch(a -> !a.startsWith("-"));
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        defaultProperty("org.slf4j.simpleLogger.log.org.switchboard", command && !verbose ? "warn" : "info");
        if (!verbose) {
            // each session's line again after the hub's own bind and unbind lines
            defaultProperty("org.slf4j.simpleLogger.log.org.jsmpp", "warn");
            // asterisk-java warns at each manager session's end ("AsyncEventPump has exited") and at each reconnection
            // attempt while the PBX is away (ten in the first second, then one every 5 s); the hub says once why itself
            defaultProperty("org.slf4j.simpleLogger.log.org.asteriskjava.manager.internal.AsyncEventPump", "error");
            defaultProperty("org.slf4j.simpleLogger.log.org.asteriskjava.manager.internal.ManagerConnectionImpl",
                    "error");
            // JAIN-SIP's own logging, under the hub's name: its TLS notes warn of a transport the hub does not use
            defaultProperty("org.slf4j.simpleLogger.log.org.switchboard.sip.stack", "error");
            // ZooKeeper's client warns with a stack trace at each reconnection attempt, a second apart, while its
            // server is away: the cluster health check and Curator's own errors say it once
            defaultProperty("org.slf4j.simpleLogger.log.org.apache.zookeeper.ClientCnxn", "error");
        }
        System.exit(SwitchboardCommand.execute(Hub::start, args));
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
