package org.switchboard.hub.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.switchboard.hub.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard}: with no command, runs the hub until stopped; with one, works on the hub's contacts, segments,
 * users, API keys, SMPP accounts and MO rules.
 */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "Switchboard 0.1.0",
        subcommands = { ContactsCommand.class, SegmentsCommand.class, UsersCommand.class, KeysCommand.class,
            SmppCommand.class, MoCommand.class, CommandLine.HelpCommand.class },
        description = { "Without a command: starts the hub (database, mail, modems, HTTP API) and runs until stopped"
                + " (Ctrl-C, SIGTERM).", "The commands use the hub's settings (config/application.properties,"
                + " SWITCHBOARD_* environment variables) to open its database." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done (an import is done even when some rows were rejected: they are listed)",
            "1:bad input (a file that cannot be read, a bad filter, segment or user name, no such segment, user or key),"
                + " or the hub could not start",
            "2:bad command line", "3:the database cannot be opened" })
public final class SwitchboardCommand implements Callable<Integer> {
    static final int EXIT_INPUT = 1;
    static final int EXIT_DATABASE = 3;

    /** Where the settings come from: the environment and config file for real, a map in tests. */
    @FunctionalInterface
    public interface SettingsSource {
        Settings load() throws IOException;
    }

    /** A started hub, as the command runs it: its banner, then closed when the JVM is asked to stop. */
    public interface RunningHub extends AutoCloseable {
        String banner();

        /** The command's shutdown hook closes this hub: what the hub started is stopped by it, after Camel. */
        default void closedByShutdownHook() {
        }

        @Override
        void close();
    }

    /** Starts the hub on settings: the hub itself for real; the commands on its database need none. */
    @FunctionalInterface
    public interface HubStarter {
        RunningHub start(Settings settings) throws Exception;
    }

    private final SettingsSource settingsSource;
    private final HubStarter starter;
    private Settings settings;

    @Spec
    CommandSpec spec;

    // Read by SwitchboardMain before anything logs; declared here so that picocli knows it and its help shows it.
    @picocli.CommandLine.Option(names = "--verbose", description = "Log what the libraries say at INFO too (the"
            + " embedded database, Flyway, Camel, the SIP stack); by default they only warn. Also SWITCHBOARD_VERBOSE"
            + "=true.")
    boolean verbose;

    public SwitchboardCommand(SettingsSource settingsSource, HubStarter starter) {
        this.settingsSource = settingsSource;
        this.starter = starter;
    }

    /** The command line over these settings, for the commands on the hub's database. */
    public static CommandLine commandLine(SettingsSource settings) {
        return commandLine(settings, s -> {
            throw new CliException(EXIT_INPUT, "no hub to start here");
        });
    }

    /** The command line over these settings, with errors turned into a message and an exit code. */
    public static CommandLine commandLine(SettingsSource settings, HubStarter starter) {
        CommandLine cl = new CommandLine(new SwitchboardCommand(settings, starter));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException c) {
                cmd.getErr().println(c.getMessage());
                return c.exitCode();
            }
            if (e instanceof IllegalArgumentException) {
                // InvalidCsvException, InvalidFilterException, InvalidSegmentNameException: said for staff
                cmd.getErr().println(e.getMessage());
                return EXIT_INPUT;
            }
            throw e;
        });
        return cl;
    }

    /** Runs {@code switchboard ARGS...} on the environment's settings and returns its exit code. */
    public static int execute(HubStarter starter, String... args) {
        return commandLine(() -> Settings.load(System.getenv()), starter).execute(args);
    }

    Settings settings() {
        if (settings == null) {
            try {
                settings = settingsSource.load();
            } catch (IOException e) {
                throw new CliException(EXIT_INPUT, "cannot read the settings: " + e.getMessage());
            }
        }
        return settings;
    }

    /** The hub: started, its banner printed, then running until the JVM is asked to stop. */
    @Override
    public Integer call() throws Exception {
        RunningHub hub;
        try {
            hub = starter.start(settings());
        } catch (Exception e) {
            spec.commandLine().getErr().println("Switchboard could not start: " + e.getMessage());
            e.printStackTrace(spec.commandLine().getErr());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "switchboard-shutdown"));
        hub.closedByShutdownHook();
        spec.commandLine().getOut().println(hub.banner());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
